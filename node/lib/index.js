'use strict';

const { inspect } = require('node:util');
const native = require('../native.js');
const errors = require('./errors.js');
const webhooks = require('./webhooks.js');
const { Checks, Contacts, Cases, Messages, withRaw } = require('./resources.js');
const { CALL_OPTIONS, checkType, pick, callOptions } = require('./options.js');
const { params } = require('./params.js');
const { EVENT_CHANNEL, eventCallback } = require('./events.js');
const { callSpans } = require('./otel.js');

const { fromNative, fromFields, ...publicErrors } = errors;
const { InvalidRequestError } = publicErrors;
const APP_INFO = `acquire-io-node/${native.VERSION} node/${process.versions.node}`;
const CLIENT_OPTIONS = [
  'apiKey', 'accountId', 'baseUrl', 'appInfo', 'maxConcurrency', 'onEvent', 'logger', 'logBodies', 'mailFrom', 'smsFrom', ...CALL_OPTIONS,
];

/** The parameters of one message (sendMessage, and each item of sendMessages). */
const MESSAGE = {
  caseId: 'integer', message: 'string', type: 'string?', translateLangKey: 'string?', channel: 'string?', asContactId: 'integer?', extra: 'object?',
  mail: 'object?',
};
/** Who a customer-addressed call is for (findCase, sendToContact): exactly one of the two. */
const CUSTOMER = { email: 'string?', contactId: 'integer?', create: 'boolean?', reopen: 'boolean?' };

/** Checks a positive integer option (a count); throws InvalidRequestError below 1. */
function checkCount(name, value) {
  checkType(name, value, 'integer');
  if (value !== undefined && value < 1) {
    throw new InvalidRequestError(`${name} must be at least 1`, { code: 'invalid_config', field: name });
  }
}

/**
 * An e-mail's fields checked for types: `{ to?, subject?, htmlBody?, cc?, bcc? }` (the lists
 * as arrays of strings; one string is a list of one).
 * @param {Record<string, any>} mail
 */
function mailFields(mail) {
  const fields = params('mail', mail, { to: 'strings?', subject: 'string?', htmlBody: 'string?', cc: 'strings?', bcc: 'strings?' });
  const list = (/** @type {string | Iterable<string> | undefined} */ v) => (v === undefined ? undefined : typeof v === 'string' ? [v] : Array.from(v));
  return { ...fields, to: list(fields.to), cc: list(fields.cc), bcc: list(fields.bcc) };
}

/**
 * A message's checked parameters as the native layer takes them (no caseId for a send whose
 * case is looked up).
 * @param {Record<string, any>} input
 */
function toRequest(input) {
  return {
    caseId: input.caseId,
    message: input.message,
    type: input.type,
    translateLangKey: input.translateLangKey,
    channel: input.channel,
    asContactId: input.asContactId,
    extraJson: input.extra === undefined ? undefined : JSON.stringify(input.extra),
    mail: input.mail === undefined ? undefined : mailFields(input.mail),
  };
}

/**
 * `{ email }` or `{ contactId }` (exactly one), with `create` and `reopen`.
 * @param {string} method
 * @param {Record<string, any>} input
 */
function customer(method, { email, contactId, create, reopen }) {
  if ((email === undefined) === (contactId === undefined)) {
    throw new TypeError(`${method} takes exactly one of email and contactId`);
  }
  return { email, contactId, create, reopen };
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
    for (const name of ['apiKey', 'accountId', 'baseUrl', 'appInfo', 'mailFrom', 'smsFrom']) checkType(name, picked[name], 'string');
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
    const checks = new Checks(
      (query) => this.#check(() => this.#native.casesCheck(query)),
      (text) => this.#check(() => this.#native.contactsSearchCheck(text)),
    );
    this.#contacts = new Contacts(call, checks);
    this.#cases = new Cases(call, checks);
    this.#messages = new Messages(call);
  }

  /** Runs a native check, its error as the matching AcquireError. @param {() => void} check */
  #check(check) {
    try {
      check();
    } catch (err) {
      throw fromNative(err);
    }
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
   * `{ caseId, message, since, type?, asContactId? }`: the send's parameters and when it
   * began (a Date or Unix ms). Resolves to { status: 'delivered', message } | { status:
   * 'not_delivered' } | { status: 'unknown', reason }.
   */
  async settle(input, options) {
    const { since, ...send } = params('settle', input, {
      caseId: 'integer', message: 'string', since: 'any', type: 'string?', asContactId: 'integer?',
    });
    const ms = since instanceof Date ? since.getTime() : since;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('settle: since must be a Date or Unix milliseconds');
    return this.#call('settle', toRequest(send), ms, callOptions(options));
  }

  /**
   * The case to write into for a customer: `{ email }` or `{ contactId }`, with `create`
   * (default false) and `reopen` (default true). Resolves to `{ case, contactId, source,
   * contactCreated }`: the active case (newest), else a new case in the latest thread
   * ("reopened"), else with `create` a new case ("created"). Rejects with
   * ContactNotFoundError, AmbiguousContactError or CaseNotFoundError before changing anything.
   */
  async findCase(input, options) {
    const target = customer('findCase', params('findCase', input, CUSTOMER));
    return this.#call('findCase', target, callOptions(options));
  }

  /**
   * Sends `message` to a customer found as findCase finds them: `{ email | contactId,
   * message, create?, reopen?, type?, translateLangKey?, channel?, extra?, mail? }`. Without
   * `channel` it follows the case's: an e-mail case gets an e-mail, an SMS case an SMS.
   */
  async sendToContact(input, options) {
    const { email, contactId, create, reopen, ...message } = params('sendToContact', input, {
      message: 'string', ...CUSTOMER, type: 'string?', translateLangKey: 'string?', channel: 'string?', extra: 'object?',
      mail: 'object?',
    });
    const target = customer('sendToContact', { email, contactId, create, reopen });
    const sent = await this.#call('sendToContact', target, toRequest(message), callOptions(options));
    return withRaw(sent.message, sent.raw);
  }

  /**
   * Sends a request the SDK does not model yet: `{ method, path, query?, body?, idempotent? }`
   * (`path` below /api/v1, such as '/crm/objects/case/28'), with this client's key, timeouts,
   * retries, typed errors and events; resolves to the response's JSON as it came. A write is
   * retried only when it surely did not reach Acquire, unless `idempotent`.
   */
  async rawRequest(input, options) {
    const { method, path, query, body, idempotent } = params('rawRequest', input, {
      method: 'string', path: 'string', query: 'object?', body: 'any?', idempotent: 'boolean?',
    });
    const pairs = Object.entries(query ?? {}).map(([name, value]) => {
      if (typeof value !== 'string') throw new TypeError(`rawRequest: query.${name} must be a string`);
      return [name, value];
    });
    const bodyJson = body === undefined ? undefined : JSON.stringify(body);
    return this.#call('rawRequest', { method, path, query: pairs, bodyJson, idempotent }, callOptions(options));
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
   * `{ caseId, message, type?, translateLangKey?, channel?, asContactId?, extra?, mail? }`
   * (`channel: 'email'` with `mail: { to?, subject?, htmlBody?, cc?, bcc? }` from the client's
   * `mailFrom`, or `'sms'` from its `smsFrom`, into a case of that channel); `options`:
   * per-call { timeoutMs, connectTimeoutMs, totalTimeoutMs, maxRetries, retryPossiblyDelivered, settleUncertain }.
   */
  async sendMessage(input, options) {
    const request = toRequest(params('sendMessage', input, MESSAGE));
    const call = callOptions(options);
    const sent = await this.#run('sendMessage', () => this.#native.sendMessage(request, call));
    return withRaw(JSON.parse(sent[0]), sent[1]);
  }

  /**
   * Sends many messages, `concurrency` at a time (default 8), and resolves to one result
   * per message in input order: `{ index, source, ok: true, message }` or `{ index, source,
   * ok: false, error }` (`source`: sent, recorded, settled or not_sent). One failure
   * never stops the others, and each send retries under the usual rules. `onProgress(done,
   * total)` is called as items finish. Wrong argument types throw TypeError before anything
   * is sent; a message the API would refuse (an empty text, …) fails on its own.
   */
  async sendMessages(input, options) {
    const { messages, concurrency, journal, onProgress, signal } = params('sendMessages', input, {
      messages: 'iterable', concurrency: 'integer?', journal: 'string?', onProgress: 'function?', signal: 'signal?',
    });
    const requests = Array.from(messages, (item, i) => {
      try {
        return toRequest(params('sendMessages', item, MESSAGE));
      } catch (err) {
        throw new TypeError(`messages[${i}]: ${/** @type {Error} */ (err).message}`);
      }
    });
    checkCount('concurrency', concurrency);
    const call = callOptions(options);
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
    return JSON.parse(sent[0]).map(({ index, source, ok, message, error }, i) => (ok
      ? { index, source, ok, message: withRaw(message, sent[i + 1]) }
      : { index, source, ok, error: fromFields(error) }));
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
