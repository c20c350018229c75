'use strict';

// The shared fault matrix (tests/vectors/faults.json) against the local server, with the
// recognisable API key checked against every error, util.inspect and the journal, and the
// client's events and log lines checked for their sequence and for the key and the text.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');
const { vectors, freePort } = require('./helpers.js');

const MATRIX = vectors('faults.json');
const KEY = MATRIX.apiKey;
const DEFAULT_FIXTURES = path.resolve(__dirname, '..', '..', 'crates', 'acquire-mock', 'fixtures', 'default.json');
const CLASSES = {
  rate_limited: acquire.RateLimitError,
  server_error: acquire.InternalServerError,
  api_error: acquire.APIStatusError,
  timeout: acquire.APITimeoutError,
  connection: acquire.APIConnectionError,
  decode: acquire.APIResponseValidationError,
};
const FIELDS = ['status', 'errorType', 'phase', 'retryAfter', 'mayHaveBeenDelivered', 'attempts'];

function fixtures() {
  const data = JSON.parse(fs.readFileSync(DEFAULT_FIXTURES, 'utf8'));
  data.apiKeys.push({ ...data.apiKeys[0], key: KEY });
  return data;
}

for (const c of MATRIX.cases) {
  test(`fault: ${c.name}`, async (t) => {
    const server = new MockServer({ fixtures: fixtures() });
    t.after(() => server.stop());
    const url = c.server === 'refused' ? `http://127.0.0.1:${await freePort()}` : server.url;
    if (c.script) server.script(c.script);
    const events = [];
    const lines = [];
    const logger = { info: (line) => lines.push(`info ${line}`), debug: (line) => lines.push(`debug ${line}`) };
    const client = new acquire.Client({ baseUrl: url, apiKey: KEY, ...MATRIX.client, onEvent: (e) => events.push(e), logger });
    const started = process.hrtime.bigint();
    let error = null;
    try {
      await client.sendMessage(MATRIX.message);
    } catch (err) {
      error = err;
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const { expect } = c;
    if (expect.ok) {
      assert.equal(error, null);
    } else {
      assert.ok(error instanceof CLASSES[expect.code], `${error}`);
      assert.equal(error.code, expect.code);
      for (const field of FIELDS) if (field in expect) assert.deepEqual(error[field] ?? null, expect[field], field);
      for (const shown of [error.message, String(error), util.inspect(error), JSON.stringify(error), util.inspect(client)]) {
        assert.ok(!shown.includes(KEY), 'the key leaks');
      }
    }
    const requests = server.requests();
    assert.equal(requests.length, expect.requests);
    assert.equal(requests.filter((r) => r.stored).length, expect.stored);
    assert.ok(!JSON.stringify(requests).includes(KEY));
    assert.ok(elapsed >= (expect.minSeconds ?? 0) && elapsed <= expect.maxSeconds, `${elapsed} s`);
    await observed(events, lines, expect.attempts ?? expect.requests, expect);
  });
}

/** A request and a response per attempt, a retry between attempts, one end; the same in
 * the log (info for the end); neither shows the key or the message text. */
async function observed(events, lines, attempts, expect) {
  for (let i = 0; i < 200 && !events.some((e) => e.event === 'finished'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const kinds = events.map((e) => e.event);
  const count = (kind) => kinds.filter((k) => k === kind).length;
  assert.equal(count('request'), attempts, kinds.join());
  assert.equal(count('response'), attempts, kinds.join());
  assert.equal(count('retry'), attempts - 1, kinds.join());
  assert.equal(kinds.at(-1), 'finished');
  const end = events.at(-1);
  assert.deepEqual([end.attempts, end.caseId, end.error, end.mayHaveBeenDelivered], [attempts, 28, expect.code ?? null, expect.mayHaveBeenDelivered ?? false]);
  assert.equal(lines.filter((l) => l.startsWith('info POST /crm/messenger/chat/add-message: ')).length, 1, lines.join('\n'));
  assert.equal(lines.filter((l) => l.startsWith('debug ')).length, 3 * attempts - 1);
  const told = JSON.stringify(events) + lines.join('\n');
  assert.ok(!told.includes(KEY) && !told.includes(MATRIX.message.message), 'the key or the text in an event or a log line');
}
