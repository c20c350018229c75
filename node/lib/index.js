'use strict';

const { inspect } = require('node:util');
const native = require('../native.js');
const errors = require('./errors.js');
const webhooks = require('./webhooks.js');
const { Contacts, Cases, Messages, who } = require('./resources.js');
const { EVENT_CHANNEL, eventCallback } = require('./events.js');
const { callSpans } = require('./otel.js');

const { fromNative, fromFields, ...publicErrors } = errors;
const { InvalidRequestError } = publicErrors;
const APP_INFO = `acquire-io-node/${native.VERSION} node/${process.versions.node}`;
const CALL_OPTIONS = ['timeoutMs', 'connectTimeoutMs', 'totalTimeoutMs', 'maxRetries', 'retryPossiblyDelivered', 'settleUncertain'];
const CLIENT_OPTIONS = ['apiKey', 'accountId', 'baseUrl', 'appInfo', 'maxConcurrency', 'onEvent', 'logger', 'logBodies', ...CALL_OPTIONS];
const BATCH_OPTIONS = ['concurrency', 'onProgress', 'journal', 'signal', ...CALL_OPTIONS];

function checkType(name, value, type, optional = true) {
  if (value === undefined || value === null) {
    if (optional) return;
    throw new TypeError(`${name} is required`);
  }
  const ok = type === 'integer' ? Number.isSafeInteger(value) : typeof value === type;
  if (!ok) throw new TypeError(`${name} must be ${type === 'integer' ? 'an integer' : `a ${type}`}, not ${typeof value}`);
}

function pick(source, names, what) {
  if (source === undefined || source === null) return {};
  if (typeof source !== 'object') throw new TypeError(`${what} must be an object`);
  const unknown = Object.keys(source).filter((k) => !names.includes(k));
  if (unknown.length) throw new TypeError(`unknown ${what}: ${unknown.join(', ')}`);
  const out = {};
  for (const name of names) if (source[name] !== undefined && source[name] !== null) out[name] = source[name];
  for (const name of ['timeoutMs', 'connectTimeoutMs', 'totalTimeoutMs']) checkType(name, out[name], 'number');
  checkType('maxRetries', out.maxRetries, 'integer');
  if (out.maxRetries !== undefined && out.maxRetries < 0) {
    throw new InvalidRequestError('maxRetries must not be negative', { code: 'invalid_config', field: 'maxRetries' });
  }
  checkType('retryPossiblyDelivered', out.retryPossiblyDelivered, 'boolean');
  checkType('settleUncertain', out.settleUncertain, 'boolean');
  return out;
}

/** Checks a positive integer option (a count); throws InvalidRequestError below 1. */
function checkCount(name, value) {
  checkType(name, value, 'integer');
  if (value !== undefined && value < 1) {
    throw new InvalidRequestError(`${name} must be at least 1`, { code: 'invalid_config', field: name });
  }
}

/** A sendMessage input, checked, as the native layer takes it. */
function toRequest(input) {
  if (input === null || typeof input !== 'object') throw new TypeError('a message is an object: { caseId, message }');
  checkType('caseId', input.caseId, 'integer', false);
  checkType('message', input.message, 'string', false);
  checkType('type', input.type, 'string');
  checkType('translateLangKey', input.translateLangKey, 'string');
  checkType('channel', input.channel, 'string');
  checkType('contactId', input.contactId, 'integer');
  if (input.extra !== undefined && (input.extra === null || typeof input.extra !== 'object' || Array.isArray(input.extra))) {
    throw new TypeError('extra must be a plain object');
  }
  return {
    caseId: input.caseId,
    message: input.message,
    type: input.type ?? undefined,
    translateLangKey: input.translateLangKey ?? undefined,
    channel: input.channel ?? undefined,
    contactId: input.contactId ?? undefined,
    extraJson: input.extra === undefined ? undefined : JSON.stringify(input.extra),
  };
}

/** The typed message, with the exact body as a non-enumerable `raw`. */
function withRaw(message, raw) {
  Object.defineProperty(message, 'raw', { value: raw, enumerable: false });
  return message;
}

/**
 * A client for the Acquire API. Build it once and share it: sends run on the client's own
 * threads (at most `maxConcurrency` at once, default 64) over one keep-alive pool, so
 * neither the event loop nor libuv's thread pool ever waits on the network. Unset options
 * come from ACQUIRE_API_KEY, ACQUIRE_ACCOUNT_ID and ACQUIRE_BASE_URL.
 */
class Client {
  #native;
  #options;
  #contacts;
  #cases;
  #messages;
  #spans;

  constructor(options = {}) {
    const picked = pick(options, CLIENT_OPTIONS, 'client option');
    for (const name of ['apiKey', 'accountId', 'baseUrl', 'appInfo']) checkType(name, picked[name], 'string');
    checkCount('maxConcurrency', picked.maxConcurrency);
    checkType('onEvent', picked.onEvent, 'function');
    checkType('logBodies', picked.logBodies, 'boolean');
    if (picked.logger !== undefined && (picked.logger === null || typeof picked.logger !== 'object')) {
      throw new TypeError('logger must be an object with debug and info methods (console works)');
    }
    this.#options = picked;
    const { onEvent, logger, ...rest } = picked;
    /** @type {Record<string, any>} */
    const settings = rest;
    const appInfo = settings.appInfo ? `${APP_INFO} ${settings.appInfo}` : APP_INFO;
    this.#spans = callSpans(native.VERSION);
    try {
      this.#native = new native.NativeClient({ ...settings, appInfo }, eventCallback(onEvent, logger, this.#spans));
    } catch (err) {
      throw fromNative(err);
    }
    if (this.#spans) this.#spans.serverAddress = new URL(this.#native.baseUrl).hostname;
    /** @type {import('./resources').NativeCall} */
    const call = (method, ...args) => this.#call(method, ...args);
    /** @type {import('./resources').QueryCheck} */
    const check = (query) => {
      try {
        this.#native.casesCheck(query);
      } catch (err) {
        throw fromNative(err);
      }
    };
    this.#contacts = new Contacts(call, check);
    this.#cases = new Cases(call, check);
    this.#messages = new Messages(call);
  }

  /**
   * Runs a native read-side method on the client's threads and parses its JSON.
   * @template {import('./resources').ReadMethod} M
   * @param {M} method
   * @param {Parameters<import('../native').NativeClient[M]>} args
   */
  async #call(method, ...args) {
    const run = /** @type {(...args: unknown[]) => Promise<[string]>} */ (this.#native[method].bind(this.#native));
    const answer = await this.#run(method, () => run(...args));
    return JSON.parse(answer[0]);
  }

  /**
   * Awaits a native call begun by `start`, with its span when spans are recorded; a
   * rejection becomes the matching AcquireError.
   * @template T
   * @param {string} name
   * @param {() => Promise<T>} start
   * @returns {Promise<T>}
   */
  async #run(name, start) {
    const spans = this.#spans;
    let call = 0;
    try {
      const promise = start();
      if (spans) {
        call = this.#native.lastCall;
        spans.begin(call, name);
      }
      const answer = await promise;
      spans?.end(call);
      return answer;
    } catch (err) {
      const error = fromNative(err);
      spans?.end(call, error);
      throw error;
    }
  }

  /** Find, list, read and create contacts. */
  get contacts() {
    return this.#contacts;
  }

  /** List, read, open (create or reopen) and close cases. */
  get cases() {
    return this.#cases;
  }

  /** A thread's cases with their last message; one stored message. */
  get messages() {
    return this.#messages;
  }

  /**
   * Whether a send that failed "may have been delivered" is stored: reads the case back.
   * `input` is the send's { caseId, message, type?, contactId? }; `since` when it began (a
   * Date or Unix ms). Resolves to { status: 'delivered', message } | { status:
   * 'not_delivered' } | { status: 'unknown', reason }.
   */
  async settle(input, since) {
    const request = toRequest(input);
    const ms = since instanceof Date ? since.getTime() : since;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('since must be a Date or Unix milliseconds');
    return this.#call('settle', request, ms);
  }

  /**
   * The case to write into for a customer: `{ email }` or `{ contactId }`, with `create`
   * (default false) and `reopen` (default true). Resolves to `{ case, contactId, source,
   * contactCreated }`: the active case (newest), else a new case in the latest thread
   * ("reopened"), else with `create` a new case ("created"). Rejects with
   * ContactNotFoundError, AmbiguousContactError or CaseNotFoundError before changing anything.
   */
  async findCase(input, options) {
    if (input === null || typeof input !== 'object') throw new TypeError('findCase takes { email } or { contactId }');
    const target = who(input);
    return this.#call('findCase', target, pick(options, CALL_OPTIONS, 'call option'));
  }

  /**
   * Sends `message` to a customer found as findCase finds them: `{ email | contactId,
   * message, create?, reopen?, type?, translateLangKey?, channel?, extra? }`.
   */
  async sendToContact(input, options) {
    if (input === null || typeof input !== 'object') throw new TypeError('sendToContact takes { email, message }');
    const { email, contactId, create, reopen, ...message } = input;
    const target = who({ email, contactId, create, reopen });
    const request = toRequest({ ...message, caseId: 1 });
    const sent = await this.#call('sendToContact', target, request, pick(options, CALL_OPTIONS, 'call option'));
    return withRaw(sent.message, sent.raw);
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this.#native.baseUrl;
  }

  /** A copy of this client with some options changed. */
  withOptions(changes = {}) {
    return new Client({ ...this.#options, ...pick(changes, CLIENT_OPTIONS, 'client option') });
  }

  /**
   * Sends a message and resolves to the stored message; rejects with an AcquireError.
   * `input`: { caseId, message, type?, translateLangKey?, channel?, contactId?, extra? };
   * `options`: per-call { timeoutMs, connectTimeoutMs, totalTimeoutMs, maxRetries, retryPossiblyDelivered }.
   */
  async sendMessage(input, options) {
    const request = toRequest(input);
    const call = pick(options, CALL_OPTIONS, 'call option');
    const sent = await this.#run('sendMessage', () => this.#native.sendMessage(request, call));
    return withRaw(JSON.parse(sent[0]), sent[1]);
  }

  /**
   * Sends many messages, `concurrency` at a time (default 8), and resolves to one result
   * per input in input order: `{ ok: true, message }` or `{ ok: false, error }`. One failure
   * never stops the others, and each send retries under the usual rules. `onProgress(done,
   * total)` is called as items finish. Wrong argument types throw TypeError before anything
   * is sent; an input the API would refuse (an empty message, …) fails on its own.
   */
  async sendMessages(inputs, options) {
    if (inputs === null || typeof inputs !== 'object' || typeof inputs[Symbol.iterator] !== 'function') {
      throw new TypeError('sendMessages takes an array of { caseId, message } objects');
    }
    const requests = Array.from(inputs, toRequest);
    const { concurrency, onProgress, journal, signal, ...call } = pick(options, BATCH_OPTIONS, 'batch option');
    checkCount('concurrency', concurrency);
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    checkType('journal', journal, 'string');
    if (signal !== undefined && (typeof signal !== 'object' || typeof signal.addEventListener !== 'function')) {
      throw new TypeError('signal must be an AbortSignal');
    }
    if (requests.length === 0) return [];
    const total = requests.length;
    const progress = onProgress && ((done) => onProgress(done, total));
    const stop = new native.StopFlag();
    const abort = () => stop.stop();
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    let sent;
    try {
      sent = await this.#run('sendMessages', () => this.#native.sendMessages(
        requests, concurrency ?? native.DEFAULT_BATCH_CONCURRENCY, call, progress, journal, stop,
      ));
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    return JSON.parse(sent[0]).map((item, i) => (item.ok
      ? { ok: true, message: withRaw(item.message, sent[i + 1]) }
      : { ok: false, error: fromFields(item.error) }));
  }

  toJSON() {
    return { baseUrl: this.baseUrl, apiKey: '***' };
  }

  [inspect.custom]() {
    return `Client { baseUrl: '${this.baseUrl}', apiKey: '***' }`;
  }
}

let defaultClient;

/** Sends with a client configured from the environment (created on first use). */
function sendMessage(input, options) {
  if (defaultClient === undefined) defaultClient = new Client();
  return defaultClient.sendMessage(input, options);
}

module.exports = { Client, sendMessage, webhooks, version: native.VERSION, EVENT_CHANNEL, ...publicErrors };
