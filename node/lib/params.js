'use strict';

/**
 * The parameters object every method takes, checked against the method's shape, so that a
 * wrong call says which shape it expects: `contacts.get takes { contactId }`.
 *
 * A shape maps each parameter to its type: `integer`, `string`, `boolean`, `function`,
 * `object`, `strings` (a string or an iterable of strings), `integers` (an iterable of
 * integers), `time` (a Date or a string), `signal` (an AbortSignal), `iterable` or `any`; a
 * trailing `?` marks it optional.
 */

/**
 * `{ caseId, message, type? }`: how the shape reads in an error.
 * @param {Record<string, string>} shape
 */
function describe(shape) {
  const names = Object.entries(shape).map(([name, type]) => (type.endsWith('?') ? `${name}?` : name));
  return `{ ${names.join(', ')} }`;
}

/** @param {unknown} value @param {string} type */
function fits(value, type) {
  switch (type) {
    case 'integer':
      return Number.isSafeInteger(value);
    case 'strings':
      return typeof value === 'string' || (typeof value === 'object' && value !== null && Symbol.iterator in value);
    case 'integers':
      return typeof value === 'object' && value !== null && Symbol.iterator in value
        && Array.from(/** @type {Iterable<unknown>} */ (value)).every((id) => Number.isSafeInteger(id));
    case 'time':
      return typeof value === 'string' || (value instanceof Date && !Number.isNaN(value.getTime()));
    case 'iterable':
      return typeof value === 'object' && value !== null && Symbol.iterator in value;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'signal':
      return typeof value === 'object' && value !== null && typeof /** @type {any} */ (value).addEventListener === 'function';
    case 'any':
      return true;
    default:
      return typeof value === type;
  }
}

/** How a type reads in an error, where `a ${type}` would not. */
const WANTED = {
  integer: 'an integer',
  strings: 'a string or strings',
  integers: 'integers',
  time: 'a Date or a string such as "2026-12-08 09:00:00" (UTC)',
};

/**
 * Checks `value` against `shape` and returns its defined parameters; throws a TypeError that
 * names the method and its shape when it is not an object, has a parameter the shape lacks,
 * lacks a required one or has one of the wrong type.
 * @param {string} method such as `contacts.get`
 * @param {unknown} value
 * @param {Record<string, string>} shape
 * @returns {Record<string, any>}
 */
function params(method, value, shape) {
  const fail = (why) => new TypeError(`${method} takes ${describe(shape)}${why}`);
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (value === undefined && Object.values(shape).every((type) => type.endsWith('?'))) return {};
    throw fail(`, not ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  for (const name in value) {
    if (!(name in shape)) throw fail(`: unknown parameter ${Object.keys(value).filter((n) => !(n in shape)).join(', ')}`);
  }
  /** @type {Record<string, any>} */
  const out = {};
  for (const name in shape) {
    const declared = shape[name];
    const optional = declared.endsWith('?');
    const type = optional ? declared.slice(0, -1) : declared;
    const given = /** @type {Record<string, unknown>} */ (value)[name];
    if (given === undefined || given === null) {
      if (!optional) throw fail(`: ${name} is required`);
      continue;
    }
    if (!fits(given, type)) {
      const wanted = WANTED[type] ?? `a ${type}`;
      throw fail(`: ${name} must be ${wanted}, not ${typeof given}`);
    }
    out[name] = given;
  }
  return out;
}

module.exports = { params };
