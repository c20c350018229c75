'use strict';

/**
 * The read side: `client.contacts`, `client.cases`, `client.messages`. Every call runs on
 * the client's own threads; lists are async iterators that fetch the next page only when
 * the current one is used up.
 */

/**
 * @typedef {import('../native').NativeClient} NativeClient
 * @typedef {{[K in keyof NativeClient]: NativeClient[K] extends (...args: any[]) => Promise<[string]> ? K : never}[keyof NativeClient]} ReadMethod
 * @typedef {<M extends ReadMethod>(method: M, ...args: Parameters<NativeClient[M]>) => Promise<any>} NativeCall
 * @typedef {(query: import('../native').CaseQueryInput) => void} QueryCheck
 */

/**
 * Checks an id argument.
 * @param {string} name
 * @param {unknown} value
 * @returns {number}
 */
function id(name, value) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer, not ${typeof value}`);
  }
  return value;
}

function strings(name, values) {
  if (values === undefined || values === null) return [];
  const list = typeof values === 'string' ? [values] : Array.from(values);
  for (const item of list) if (typeof item !== 'string') throw new TypeError(`${name} items must be strings`);
  return list;
}

function optionalLimit(limit) {
  if (limit !== undefined && limit !== null && !Number.isSafeInteger(limit)) throw new TypeError('limit must be an integer');
  return limit ?? undefined;
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

class Contacts {
  #call;
  #check;

  /** @param {NativeCall} call @param {QueryCheck} check */
  constructor(call, check) {
    this.#call = call;
    this.#check = check;
  }

  /** The contacts whose e-mail address is exactly `email` (ignoring case), each once, by id. */
  search(email) {
    if (typeof email !== 'string') throw new TypeError('email must be a string');
    return this.#call('contactsFind', email);
  }

  /**
   * Every contact, `limit` (default 100, at most 1000) per request: use with `for await`.
   * @param {{ limit?: number }} [options]
   */
  list({ limit } = {}) {
    const size = optionalLimit(limit);
    this.#check({ conditions: [], select: [], relations: [], limit: size });
    return pages((page) => this.#call('contactsListPage', page, size));
  }

  /** One contact with its fields and `cases`. */
  get(contactId) {
    return this.#call('contactsGet', id('contactId', contactId));
  }

  /** Creates a contact: `{ email, name, phone, ...customFields }`. Not retried once it may have reached Acquire. */
  create(fields) {
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new TypeError('fields must be an object');
    return this.#call('contactsCreate', JSON.stringify(fields));
  }
}

class Cases {
  #call;
  #check;

  /** @param {NativeCall} call @param {QueryCheck} check */
  constructor(call, check) {
    this.#call = call;
    this.#check = check;
  }

  /**
   * The cases that match, `limit` (default 100, at most 1000) per request: use with
   * `for await`. `where` takes `column|operator|value` conditions. A bad condition or
   * limit throws InvalidRequestError here, before any request.
   * @param {import('./index').CaseListOptions} [options]
   */
  list({ contactId, status, where, select, relations, limit } = {}) {
    if (contactId !== undefined && contactId !== null) id('contactId', contactId);
    if (status !== undefined && status !== null && typeof status !== 'string') throw new TypeError('status must be a string');
    // The core writes the `where` conditions for contactId and status.
    const query = {
      contactId: contactId ?? undefined,
      status: status ?? undefined,
      conditions: strings('where', where),
      select: strings('select', select),
      relations: strings('relations', relations),
      limit: optionalLimit(limit),
    };
    this.#check(query);
    return pages((page) => this.#call('casesListPage', query, page));
  }

  /** One case with its contact. */
  get(caseId) {
    return this.#call('casesGet', id('caseId', caseId));
  }

  /**
   * Opens a case for a contact; with `threadId` (an earlier case's thread) it reopens that
   * conversation as a new case. `message` is stored as its first message.
   * @param {Partial<Parameters<import('./index').Cases['open']>[0]>} [input] checked here
   */
  open({ contactId, threadId, message, title, channel } = {}) {
    const input = { contactId: id('contactId', contactId), threadId, message, title, channel };
    if (threadId !== undefined) id('threadId', threadId);
    return this.#call('casesOpen', input);
  }

  /** Closes a case: `{ caseId, contactId, userId, raw }`. */
  close(caseId) {
    return this.#call('casesClose', id('caseId', caseId));
  }
}

class Messages {
  #call;

  /** @param {NativeCall} call */
  constructor(call) {
    this.#call = call;
  }

  /**
   * The cases of a thread, each with `lastMessage`.
   * @param {Partial<Parameters<import('./index').Messages['thread']>[0]>} [input] checked here
   */
  thread({ threadId, contactId } = {}) {
    return this.#call('messagesThread', id('threadId', threadId), id('contactId', contactId));
  }

  /** One stored message. */
  get(messageId) {
    return this.#call('messagesGet', id('messageId', messageId));
  }
}

/** `{ email }` or `{ contactId }` (exactly one), with `create` and `reopen`. */
function who({ email, contactId, create, reopen }) {
  if ((email === undefined || email === null) === (contactId === undefined || contactId === null)) {
    throw new TypeError('pass exactly one of email or contactId');
  }
  if (email !== undefined && email !== null && typeof email !== 'string') throw new TypeError('email must be a string');
  if (contactId !== undefined && contactId !== null) id('contactId', contactId);
  for (const [name, value] of [['create', create], ['reopen', reopen]]) {
    if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
  }
  return { email: email ?? undefined, contactId: contactId ?? undefined, create, reopen };
}

module.exports = { Contacts, Cases, Messages, who };
