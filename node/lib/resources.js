'use strict';

/**
 * The read side: `client.contacts`, `client.cases`, `client.messages`. Each method takes one
 * parameters object and the per-call options; every call runs on the client's own
 * threads; lists are async iterators that fetch the next page only when the current one is
 * used up.
 */

const { params } = require('./params.js');

/** The typed message, with the exact body as a non-enumerable `raw`. */
function withRaw(message, raw) {
  Object.defineProperty(message, 'raw', { value: raw, enumerable: false });
  return message;
}
const { callOptions } = require('./options.js');

/**
 * @typedef {import('../native').NativeClient} NativeClient
 * @typedef {{[K in keyof NativeClient]: NativeClient[K] extends (...args: any[]) => Promise<[string]> ? K : never}[keyof NativeClient]} ReadMethod
 * @typedef {<M extends ReadMethod>(method: M, ...args: Parameters<NativeClient[M]>) => Promise<any>} NativeCall
 * @typedef {(query: import('../native').CaseQueryInput) => void} QueryCheck
 * @typedef {(text: string) => void} SearchCheck
 */

/** @param {string | Iterable<string> | undefined} values */
function strings(values) {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : Array.from(values);
  for (const item of list) if (typeof item !== 'string') throw new TypeError('where, select and relations take strings');
  return list;
}

/**
 * A contact's fields as JSON text: `fields` with `email`, `name` and `phone` over them.
 * @param {string} method
 * @param {Record<string, any>} given
 */
function contactFields(method, { email, name, phone, fields }) {
  const all = { ...(fields ?? {}), ...(email === undefined ? {} : { email }), ...(name === undefined ? {} : { name }), ...(phone === undefined ? {} : { phone }) };
  for (const [key, value] of Object.entries(all)) {
    if (typeof value !== 'string') throw new TypeError(`${method}: ${key} must be a string, not ${typeof value}`);
  }
  return JSON.stringify(all);
}

/** Yields every item of a list, one page (one request) at a time. */
async function* pages(fetch) {
  let page = 0;
  while (page !== null && page !== undefined) {
    const answer = await fetch(page);
    page = answer.nextPage;
    yield* answer.items;
  }
}

/** The checks the resources run before any request, from the native client. */
class Checks {
  /** @param {QueryCheck} query @param {SearchCheck} search */
  constructor(query, search) {
    this.query = query;
    this.search = search;
  }
}

class Contacts {
  #call;
  #checks;

  /** @param {NativeCall} call @param {Checks} checks */
  constructor(call, checks) {
    this.#call = call;
    this.#checks = checks;
  }

  /** The contacts whose e-mail address is exactly `email` (ignoring case), each once, by id. */
  findByEmail(input, options) {
    const { email } = params('contacts.findByEmail', input, { email: 'string' });
    return this.#call('contactsFindByEmail', email, callOptions(options));
  }

  /**
   * Every contact whose name, e-mail, phone or other field matches `text`, `limit` (default
   * 100, at most 1000) per request: use with `for await`.
   */
  search(input, options) {
    const { text, limit } = params('contacts.search', input, { text: 'string', limit: 'integer?' });
    this.#checks.search(text);
    this.#checks.query({ conditions: [], select: [], relations: [], limit });
    const call = callOptions(options);
    return pages((page) => this.#call('contactsSearchPage', text, page, limit, call));
  }

  /** Every contact, `limit` (default 100, at most 1000) per request: use with `for await`. */
  list(input, options) {
    const { limit } = params('contacts.list', input, { limit: 'integer?' });
    this.#checks.query({ conditions: [], select: [], relations: [], limit });
    const call = callOptions(options);
    return pages((page) => this.#call('contactsListPage', page, limit, call));
  }

  /** One contact with its fields and `cases`. */
  get(input, options) {
    const { contactId } = params('contacts.get', input, { contactId: 'integer' });
    return this.#call('contactsGet', contactId, callOptions(options));
  }

  /** Creates a contact: `{ email?, name?, phone?, fields? }`. Not retried once it may have reached Acquire. */
  create(input, options) {
    const given = params('contacts.create', input, { email: 'string?', name: 'string?', phone: 'string?', fields: 'object?' });
    return this.#call('contactsCreate', contactFields('contacts.create', given), callOptions(options));
  }

  /**
   * Changes a contact: `{ contactId, email?, name?, phone?, fields? }` are merged into its
   * fields, the others kept. Idempotent, so retried like a read.
   */
  update(input, options) {
    const { contactId, ...given } = params('contacts.update', input, {
      contactId: 'integer', email: 'string?', name: 'string?', phone: 'string?', fields: 'object?',
    });
    return this.#call('contactsUpdate', contactId, contactFields('contacts.update', given), callOptions(options));
  }
}

class Cases {
  #call;
  #checks;

  /** @param {NativeCall} call @param {Checks} checks */
  constructor(call, checks) {
    this.#call = call;
    this.#checks = checks;
  }

  /**
   * The cases that match, `limit` (default 100, at most 1000) per request: use with
   * `for await`. `where` takes `column|operator|value` conditions. A bad condition or
   * limit throws InvalidRequestError here, before any request.
   */
  list(input, options) {
    const { contactId, status, where, select, relations, limit } = params('cases.list', input, {
      contactId: 'integer?', status: 'string?', where: 'strings?', select: 'strings?', relations: 'strings?', limit: 'integer?',
    });
    // The core writes the `where` conditions for contactId and status.
    const query = { contactId, status, conditions: strings(where), select: strings(select), relations: strings(relations), limit };
    this.#checks.query(query);
    const call = callOptions(options);
    return pages((page) => this.#call('casesListPage', query, page, call));
  }

  /** One case with its contact. */
  get(input, options) {
    const { caseId } = params('cases.get', input, { caseId: 'integer' });
    return this.#call('casesGet', caseId, callOptions(options));
  }

  /**
   * Opens a case for a contact; with `threadId` (an earlier case's thread) it reopens that
   * conversation as a new case. `message` is stored as its first message.
   */
  open(input, options) {
    const opened = params('cases.open', input, {
      contactId: 'integer', threadId: 'integer?', message: 'string?', title: 'string?', channel: 'string?',
    });
    return this.#call('casesOpen', /** @type {import('../native').OpenCaseInput} */ (opened), callOptions(options));
  }

  /** Closes a case: `{ caseId, contactId, userId, raw }`. */
  close(input, options) {
    const { caseId } = params('cases.close', input, { caseId: 'integer' });
    return this.#call('casesClose', caseId, callOptions(options));
  }

  /**
   * Invites agents and departments (at least one) into a case; each is notified and can join
   * it: `{ agents: [{ userId, online, sent }], raw }`. Not retried once it may have arrived.
   */
  invite(input, options) {
    const { caseId, agentIds, departmentIds } = params('cases.invite', input, {
      caseId: 'integer', agentIds: 'integers?', departmentIds: 'integers?',
    });
    const ids = (/** @type {Iterable<number> | undefined} */ list) => Array.from(list ?? []);
    return this.#call('casesInvite', caseId, ids(agentIds), ids(departmentIds), callOptions(options));
  }

  /**
   * Snoozes a case (out of the active view) until `until`: a Date, or "YYYY-MM-DD HH:MM:SS"
   * (UTC) or ISO 8601 text. A past or malformed time throws InvalidRequestError before
   * anything is sent. Not retried once it may have arrived.
   */
  snooze(input, options) {
    const { caseId, until, message } = params('cases.snooze', input, { caseId: 'integer', until: 'time', message: 'string?' });
    const time = until instanceof Date ? until.toISOString() : until;
    return this.#call('casesSnooze', caseId, time, message, callOptions(options));
  }
}

class Messages {
  #call;

  /** @param {NativeCall} call */
  constructor(call) {
    this.#call = call;
  }

  /** The cases of a thread, each with `lastMessage`. */
  thread(input, options) {
    const { threadId, contactId } = params('messages.thread', input, { threadId: 'integer', contactId: 'integer' });
    return this.#call('messagesThread', threadId, contactId, callOptions(options));
  }

  /**
   * Every message of a conversation (case `caseId`) — the agents', the customer's, notes and
   * events — newest first (`order: 'oldest'`: a transcript), at most `limit`. Acquire answers a
   * case's whole history at once (one request).
   */
  list(input, options) {
    const { caseId, order, limit } = params('messages.list', input, { caseId: 'integer', order: 'string?', limit: 'integer?' });
    return this.#call('messagesList', caseId, order ?? 'newest', limit, callOptions(options));
  }

  /**
   * Corrects a sent message: `{ messageId, message, type?, translateLangKey? }`; resolves to the
   * stored message with `dateUpdated`. An edit is idempotent: every retryable failure is retried.
   */
  async update(input, options) {
    const edit = params('messages.update', input, {
      messageId: 'integer', message: 'string', type: 'string?', translateLangKey: 'string?',
    });
    const edited = await this.#call('messagesUpdate', /** @type {import('../native').EditInput} */ (edit), callOptions(options));
    return withRaw(edited.message, edited.raw);
  }

  /** Deletes a message (it cannot be undone); resolves to how many were deleted (1). */
  delete(input, options) {
    const { messageId } = params('messages.delete', input, { messageId: 'integer' });
    return this.#call('messagesDelete', messageId, callOptions(options));
  }

  /** One stored message. */
  get(input, options) {
    const { messageId } = params('messages.get', input, { messageId: 'integer' });
    return this.#call('messagesGet', messageId, callOptions(options));
  }
}

module.exports = { Checks, Contacts, Cases, Messages, withRaw };
