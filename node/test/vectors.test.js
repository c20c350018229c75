'use strict';

// The shared cases of tests/vectors, run through the Node client.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const acquire = require('acquire-io');
const { VECTORS, vectors, serverFor } = require('./helpers.js');

const REQUESTS = vectors('requests.json');
const INVALID = vectors('invalid.json');
const RESPONSES = vectors('responses.json');

const ERROR_CLASSES = {
  bad_request: acquire.BadRequestError,
  unauthorized: acquire.AuthenticationError,
  forbidden: acquire.PermissionDeniedError,
  not_found: acquire.NotFoundError,
  rate_limited: acquire.RateLimitError,
  server_error: acquire.InternalServerError,
  decode: acquire.APIResponseValidationError,
};

for (const c of REQUESTS.cases) {
  test(`request: ${c.name}`, async (t) => {
    const server = serverFor(t);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: REQUESTS.apiKey });
    await client.sendMessage(c.input);
    const [request, ...rest] = server.requests();
    assert.equal(rest.length, 0);
    assert.equal(request.method, REQUESTS.method);
    assert.equal(request.path, `${REQUESTS.path}?${c.query}`);
    assert.equal(request.status, 200);
    const headers = Object.fromEntries(request.headers);
    for (const [name, value] of Object.entries(REQUESTS.headers)) assert.equal(headers[name], value, name);
    assert.ok(headers['user-agent'].startsWith(REQUESTS.userAgentPrefix));
    assert.equal(request.body, c.body);
  });
}

for (const c of INVALID.cases) {
  test(`invalid: ${c.name}`, async (t) => {
    const server = serverFor(t);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
    await assert.rejects(client.sendMessage(c.input), (err) => {
      assert.ok(err instanceof acquire.InvalidRequestError, err);
      assert.equal(err.field, c.field);
      assert.equal(err.attempts, 0);
      assert.equal(err.mayHaveBeenDelivered, false);
      return true;
    });
    assert.deepEqual(server.requests(), []);
  });
}

function lookup(value, dotted) {
  for (const key of dotted.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = value[/^\d+$/.test(key) ? Number(key) : key];
  }
  return value;
}

function same(dotted, expected, got) {
  if (typeof expected === 'string' && dotted.split('.').pop().startsWith('date')) {
    return typeof got === 'string' && Date.parse(expected) === Date.parse(got);
  }
  if (expected === null) return got === null || got === undefined;
  try {
    assert.deepEqual(got, expected);
    return true;
  } catch {
    return false;
  }
}

for (const c of RESPONSES.cases) {
  test(`response: ${c.name}`, async (t) => {
    const server = serverFor(t);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
    const body = c.bodyFile ? fs.readFileSync(path.join(VECTORS, c.bodyFile), 'utf8') : c.body;
    server.script({ status: c.status, headers: c.headers, body });
    if (c.expect.message) {
      const message = await client.sendMessage({ caseId: 28, message: 'hi' });
      assert.equal(message.raw, body);
      for (const [dotted, expected] of Object.entries(c.expect.message)) {
        const got = lookup(message, dotted);
        assert.ok(same(dotted, expected, got), `${dotted}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
      }
      return;
    }
    const expected = c.expect.error;
    await assert.rejects(client.sendMessage({ caseId: 28, message: 'hi' }), (err) => {
      assert.equal(err.constructor, ERROR_CLASSES[expected.code]);
      assert.equal(err.code, expected.code);
      assert.equal(err.status, expected.status);
      assert.equal(err.attempts, 1);
      assert.equal(err.mayHaveBeenDelivered, expected.mayHaveBeenDelivered);
      if (err instanceof acquire.APIStatusError) {
        assert.equal(err.errorType, expected.errorType);
        assert.equal(err.message, expected.message);
        assert.equal(err.retryAfter, expected.retryAfter);
        assert.equal(err.body, body);
      }
      return true;
    });
  });
}
