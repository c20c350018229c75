'use strict';

/**
 * The per-call options every method takes as its last argument (`{ timeoutMs, maxRetries,
 * ... }`, `CallOptions` in index.d.ts), checked before anything is sent. A bad value is an
 * InvalidRequestError naming the core's field (`timeout`, `connectTimeout`, `maxRetries`),
 * as in every front end: the core checks the values.
 */

/** The names of the per-call options. */
const CALL_OPTIONS = ['timeoutMs', 'connectTimeoutMs', 'totalTimeoutMs', 'maxRetries', 'retryPossiblyDelivered', 'settleUncertain'];

function checkType(name, value, type) {
  if (value === undefined || value === null) return;
  const ok = type === 'integer' ? Number.isSafeInteger(value) : typeof value === type;
  if (!ok) throw new TypeError(`${name} must be ${type === 'integer' ? 'an integer' : `a ${type}`}, not ${typeof value}`);
}

/**
 * The options named in `names` out of `source` (unset ones left out), the per-call ones
 * checked; an unknown name is a TypeError.
 * @param {unknown} source
 * @param {string[]} names
 * @param {string} what such as `call option`
 * @returns {Record<string, any>}
 */
function pick(source, names, what) {
  if (source === undefined || source === null) return {};
  if (typeof source !== 'object') throw new TypeError(`${what}s must be an object`);
  const unknown = Object.keys(source).filter((k) => !names.includes(k));
  if (unknown.length) throw new TypeError(`unknown ${what}: ${unknown.join(', ')} (${what}s: ${names.join(', ')})`);
  /** @type {Record<string, any>} */
  const out = {};
  for (const name of names) {
    const value = /** @type {Record<string, unknown>} */ (source)[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  for (const name of ['timeoutMs', 'connectTimeoutMs', 'totalTimeoutMs']) checkType(name, out[name], 'number');
  checkType('maxRetries', out.maxRetries, 'integer');
  checkType('retryPossiblyDelivered', out.retryPossiblyDelivered, 'boolean');
  checkType('settleUncertain', out.settleUncertain, 'boolean');
  return out;
}

/**
 * A call's options, checked.
 * @param {unknown} options
 */
function callOptions(options) {
  return pick(options, CALL_OPTIONS, 'call option');
}

module.exports = { CALL_OPTIONS, checkType, pick, callOptions };
