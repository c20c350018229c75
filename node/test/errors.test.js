'use strict';

// Each error class, with the fields a user relies on.
const test = require('node:test');
const assert = require('node:assert/strict');
const acquire = require('acquire-io');
const { serverFor, freePort } = require('./helpers.js');

function client(server, options = {}) {
  return new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', ...options });
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

test('hierarchy and instanceof', () => {
  for (const Class of [acquire.BadRequestError, acquire.AuthenticationError, acquire.PermissionDeniedError,
    acquire.NotFoundError, acquire.RateLimitError, acquire.InternalServerError]) {
    assert.ok(Class.prototype instanceof acquire.APIStatusError);
    assert.ok(Class.prototype instanceof acquire.APIError);
    assert.ok(Class.prototype instanceof acquire.AcquireError);
    assert.ok(Class.prototype instanceof Error);
  }
  assert.ok(acquire.APITimeoutError.prototype instanceof acquire.APIConnectionError);
  // Python's (and OpenAI's) tree: a failed call of any kind is an APIError; webhook errors are not calls.
  for (const Class of [acquire.APIConnectionError, acquire.APIResponseValidationError,
    acquire.ContactNotFoundError, acquire.InternalError]) {
    assert.ok(Class.prototype instanceof acquire.APIError);
  }
  for (const Class of [acquire.WebhookSignatureError, acquire.WebhookPayloadError]) {
    assert.ok(Class.prototype instanceof acquire.WebhookError && !(Class.prototype instanceof acquire.APIError));
    assert.ok(!('mayHaveBeenDelivered' in new Class('x', { code: 'signature_mismatch' })));
  }
});

test('authentication error never shows the key', async (t) => {
  const server = serverFor(t);
  const err = await rejection(client(server, { apiKey: 'wrong-key-123' }).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.AuthenticationError);
  assert.equal(err.name, 'AuthenticationError');
  assert.deepEqual([err.status, err.errorType, err.code, err.attempts, err.mayHaveBeenDelivered, err.retryAfter],
    [401, 'ERROR_UNAUTHORIZED', 'unauthorized', 1, false, null]);
  assert.equal(err.message, 'missing, incorrect or invalid API key');
  assert.ok(!String(err.stack).includes('wrong-key-123'));
});

test('permission denied', async (t) => {
  const server = serverFor(t);
  const err = await rejection(client(server, { apiKey: 'mock-key-no-chat' }).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.PermissionDeniedError);
  assert.deepEqual([err.status, err.errorType], [403, 'ERROR_UNAUTHORIZED_ACCESS']);
});

test('bad request for an inactive case, not found for a wrong path', async (t) => {
  const server = serverFor(t);
  const err = await rejection(client(server).sendMessage({ caseId: 29, message: 'x' }));
  assert.ok(err instanceof acquire.BadRequestError);
  assert.match(err.message, /not active/);
  const lost = await rejection(new acquire.Client({ baseUrl: `${server.url}/eu`, apiKey: 'mock-key' })
    .sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(lost instanceof acquire.NotFoundError);
});

test('rate limit with a long Retry-After is returned at once', async (t) => {
  const server = serverFor(t);
  server.script({ status: 429, headers: { 'retry-after': '90' } });
  const err = await rejection(client(server).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.RateLimitError);
  assert.deepEqual([err.retryAfter, err.attempts], [90, 1]);
});

test('server error may have been delivered', async (t) => {
  const server = serverFor(t);
  server.script({ status: 500, store: true });
  const err = await rejection(client(server).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.InternalServerError);
  assert.deepEqual([err.status, err.errorType, err.mayHaveBeenDelivered], [500, 'ERROR_SERVER_ERROR', true]);
  assert.equal(server.messages().length, 1);
});

test('timeout names its phase', async (t) => {
  const server = serverFor(t);
  server.script({ fault: 'stall' });
  const err = await rejection(client(server, { timeoutMs: 200 }).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.APITimeoutError && err instanceof acquire.APIConnectionError);
  assert.deepEqual([err.phase, err.code, err.attempts, err.mayHaveBeenDelivered], ['response', 'timeout', 1, true]);
});

test('refused connection is retried and not delivered', async () => {
  const c = new acquire.Client({ baseUrl: `http://127.0.0.1:${await freePort()}`, apiKey: 'k', maxRetries: 1 });
  const err = await rejection(c.sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(err instanceof acquire.APIConnectionError && !(err instanceof acquire.APITimeoutError));
  assert.deepEqual([err.code, err.attempts, err.mayHaveBeenDelivered], ['connection', 2, false]);
});

test('reset after sending and undecodable success', async (t) => {
  const server = serverFor(t);
  server.script({ fault: 'reset' }, { fault: 'invalidUtf8' });
  const reset = await rejection(client(server).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(reset instanceof acquire.APIConnectionError);
  assert.deepEqual([reset.attempts, reset.mayHaveBeenDelivered], [1, true]);
  const decode = await rejection(client(server).sendMessage({ caseId: 28, message: 'x' }));
  assert.ok(decode instanceof acquire.APIResponseValidationError);
  assert.deepEqual([decode.status, decode.mayHaveBeenDelivered], [200, true]);
});

test('bad configuration is an InvalidRequestError naming the field', () => {
  const saved = process.env.ACQUIRE_API_KEY;
  delete process.env.ACQUIRE_API_KEY;
  try {
    const cases = [
      [{ baseUrl: 'http://127.0.0.1:1' }, 'apiKey'],
      [{ apiKey: 'k', accountId: 'evil.com/x' }, 'accountId'],
      [{ apiKey: 'k', baseUrl: 'http://example.com' }, 'baseUrl'],
      [{ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', timeoutMs: -1 }, 'timeout'],
      [{ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', maxRetries: 11 }, 'maxRetries'],
    ];
    for (const [options, field] of cases) {
      assert.throws(() => new acquire.Client(options), (err) => err instanceof acquire.InvalidRequestError && err.field === field);
    }
  } finally {
    if (saved !== undefined) process.env.ACQUIRE_API_KEY = saved;
  }
});

test('wrong JavaScript types are TypeErrors, never crashes', async (t) => {
  const server = serverFor(t);
  const c = client(server);
  for (const caseId of ['28', 28.5, true, null, undefined, 2 ** 60]) {
    await assert.rejects(c.sendMessage({ caseId, message: 'x' }), TypeError);
  }
  await assert.rejects(c.sendMessage({ caseId: 28, message: 5 }), TypeError);
  await assert.rejects(c.sendMessage({ caseId: 28, message: 'x', extra: [1] }), TypeError);
  await assert.rejects(c.sendMessage(null), TypeError);
  await assert.rejects(c.sendMessage({ caseId: 28, message: 'x' }, { timeoutMs: '5' }), TypeError);
  assert.throws(() => new acquire.Client({ apiKey: 5 }), TypeError);
  assert.throws(() => new acquire.Client({ colour: 'red' }), TypeError);
  assert.deepEqual(server.requests(), []);
});

test('a Rust panic is a rejected Promise with an AcquireError, not an abort', async (t) => {
  // The test build's panic trigger (feature panic-trigger) panics inside the binding.
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  for (const call of [
    () => client.sendMessage({ caseId: 28, message: '__acquire_panic__' }),
    () => client.sendMessages({ messages: [{ caseId: 28, message: '__acquire_panic__' }] }),
  ]) {
    await assert.rejects(call(), (err) => {
      assert.ok(err instanceof acquire.InternalError && /internal error in acquire-core/.test(err.message));
      // One meaning in every language: a panic part-way may have sent the message.
      assert.deepEqual([err.code, err.mayHaveBeenDelivered], ['internal', true]);
      return true;
    });
  }
  const alive = await client.sendMessage({ caseId: 28, message: 'still alive' });
  assert.equal(alive.message, 'still alive');
});
