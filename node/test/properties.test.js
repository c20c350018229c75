'use strict';

// Property tests with a seeded generator: any input either sends a well-formed request or
// is refused (TypeError / InvalidRequestError) before sending — never a crash, never a
// malformed request on the wire. Plus injection attempts through accountId and baseUrl.
const test = require('node:test');
const assert = require('node:assert/strict');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

/** mulberry32: a small seeded PRNG, so a failure can be replayed with its seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.ACQUIRE_PROPERTY_SEED ?? 20261130);

function generator(next) {
  const pick = (items) => items[Math.floor(next() * items.length)];
  const text = () => Array.from({ length: Math.floor(next() * 12) }, () => pick(['a', ' ', 'é', '\n', '"', '\\', '\u0000', '😀', 'Z', '\t'])).join('');
  const integer = () => pick([28, 29, 0, -1, 5, 2 ** 53, Number.MAX_SAFE_INTEGER, Math.floor(next() * 1e6) - 5e5]);
  const anything = () => pick([undefined, null, true, 1.5, NaN, 'x', [], {}, () => 1, Symbol('s'), 10n, integer(), text()]);
  const maybe = (f) => (next() < 0.3 ? undefined : f());
  return () => {
    const typed = next() < 0.7;
    return {
      caseId: typed ? integer() : anything(),
      message: typed ? text() : anything(),
      type: maybe(() => pick(['message', 'note', 'event', text()])),
      translateLangKey: maybe(() => pick(['en', 'pt-BR', text()])),
      channel: maybe(text),
      contactId: maybe(() => pick([5, integer()])),
      extra: maybe(() => pick([{ priority: 2 }, { [text()]: text() }, { message: 'x' }, []])),
    };
  };
}

function wellFormed(request) {
  const body = JSON.parse(request.body);
  assert.ok(Number.isSafeInteger(body.caseId) && body.caseId > 0);
  assert.ok(['message', 'note', 'event'].includes(body.message.type));
  assert.ok(typeof body.message.message === 'string' && body.message.message.trim().length > 0);
  assert.match(request.path, /-x-user-type=(user|contact&contactId=\d+)/);
}

test(`500 random inputs (seed ${SEED}): sent well-formed or refused before sending`, async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
  const next = generator(random(SEED));
  for (let i = 0; i < 500; i += 1) {
    const input = next();
    const before = server.requests().length;
    try {
      await client.sendMessage(input);
    } catch (err) {
      if (err instanceof TypeError || err instanceof acquire.InvalidRequestError) {
        assert.equal(server.requests().length, before, `input ${i} was refused but sent`);
        continue;
      }
      assert.ok(err instanceof acquire.BadRequestError, `input ${i}: ${err}`);
    }
    wellFormed(server.requests().at(-1));
  }
});

test('account id and base URL injection is refused before any traffic', () => {
  const cases = [
    ['accountId', 'evil.com/x'], ['accountId', 'a@b'], ['accountId', 'x:1'], ['accountId', 'a.b'],
    ['accountId', 'my co'], ['accountId', 'münchen'], ['accountId', 'a\nb'],
    ['baseUrl', 'http://example.com'], ['baseUrl', 'http://127.0.0.1.evil.com'],
    ['baseUrl', 'https://user:pw@myco.acquire.io'], ['baseUrl', 'myco.acquire.io'],
    ['baseUrl', 'https://myco.acquire.io?x=1'], ['baseUrl', 'file:///etc/passwd'],
  ];
  for (const [setting, value] of cases) {
    assert.throws(() => new acquire.Client({ apiKey: 'k', [setting]: value }),
      (err) => err instanceof acquire.InvalidRequestError && err.field === setting && err.attempts === 0, `${setting}=${value}`);
  }
});
