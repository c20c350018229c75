'use strict';

const native = require('../native.js');

/** The default fixtures' API key with chat permission (`mock-key-no-chat` has none). */
const MOCK_API_KEY = 'mock-key';

/**
 * A local Acquire-compatible server inside this process, for tests without the network.
 * Default state: keys mock-key / mock-key-no-chat, active case 28 (contact 5), closed case 29.
 * With webhookUrl and webhookSecret it POSTs signed webhooks there, as Acquire does.
 */
class MockServer {
  #native;

  /** @param {import('./testing').MockServerOptions} [options] */
  constructor({ host, port, fixtures, static: staticMode, webhookUrl, webhookSecret } = {}) {
    this.#native = new native.NativeMockServer({
      host,
      port,
      fixturesJson: fixtures === undefined ? undefined : JSON.stringify(fixtures),
      staticMode,
      webhookUrl,
      webhookSecret,
    });
  }

  /** The base URL, such as http://127.0.0.1:41234. */
  get url() {
    return this.#native.url;
  }

  /** The web inbox (the base URL's page `/`): open it to watch a paused test. */
  get inboxUrl() {
    return `${this.#native.url}/`;
  }

  /** The journal: method, path, headers (Authorization masked), body, status, stored, fault, connection, time. */
  requests() {
    return JSON.parse(this.#native.requests());
  }

  /** The messages stored so far, as the API returns them. */
  messages() {
    return JSON.parse(this.#native.messages());
  }

  /** Queues scripted answers, one per send: { status, headers, body, delayMs, fault, store, ... }. */
  script(...steps) {
    this.#native.script(JSON.stringify(steps.flat()));
  }

  /** Totals since the start or the last reset: { requests, stored } (lists keep the newest 100,000). */
  stats() {
    return JSON.parse(this.#native.stats());
  }

  /** Sends webhooks to `url` signed with `secret` from now on (no url: stop), e.g. once the endpoint under test runs. */
  setWebhook(url, secret) {
    this.#native.setWebhook(url ?? undefined, secret ?? undefined);
  }

  /** Every webhook delivery attempt: event, attempt, status (null when unreachable), error, time, body, signature. */
  webhooks() {
    return JSON.parse(this.#native.webhooks());
  }

  /** Adds a contact with these fields ({ email, name, ... }); returns it with its id. */
  addContact(fields) {
    return JSON.parse(this.#native.addContact(JSON.stringify({ fields })));
  }

  /** Adds `count` cases with `status` (default active) for a contact; returns their ids. */
  addCases(contactId, { status = 'active', count = 1 } = {}) {
    return this.#native.addCases(contactId, status, count);
  }

  /** Speaks as the case's customer: stores their message and sends the signed case:message:new webhook. */
  contactMessage(caseId, text) {
    return JSON.parse(this.#native.contactMessage(caseId, text));
  }

  /** Sets a case's status (active, closed, ...) and sends the signed case:status webhook. */
  setCaseStatus(caseId, status) {
    return JSON.parse(this.#native.setCaseStatus(caseId, status));
  }

  /** Clears the journal and the script and restores the fixtures. */
  reset() {
    this.#native.reset();
  }

  /** Stops the server (idempotent). */
  stop() {
    this.#native.stop();
  }
}

module.exports = { MockServer, MOCK_API_KEY };
