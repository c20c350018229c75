'use strict';

const native = require('../native.js');

/** The default fixtures' API key with chat permission (`mock-key-no-chat` has none). */
const MOCK_API_KEY = 'mock-key';

/**
 * A local Acquire-compatible server inside this process, for tests without the network.
 * Default state: keys mock-key / mock-key-no-chat, active case 28 (contact 5), closed case 29.
 */
class MockServer {
  #native;

  constructor({ host, port, fixtures, static: staticMode } = {}) {
    this.#native = new native.NativeMockServer({
      host,
      port,
      fixturesJson: fixtures === undefined ? undefined : JSON.stringify(fixtures),
      staticMode,
    });
  }

  /** The base URL, such as http://127.0.0.1:41234. */
  get url() {
    return this.#native.url;
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
