'use strict';

// The client's surface: typed results, options, env config, inspect, the event loop.
const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const path = require('node:path');
const fs = require('node:fs');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');
const { serverFor } = require('./helpers.js');

test('typed message with the API field names', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const msg = await client.sendMessage({ caseId: 28, message: 'Bonjour', type: 'note', translateLangKey: 'fr', extra: { priority: 2 } });
  assert.deepEqual([msg.id, msg.caseId, msg.type, msg.message, msg.senderType, msg.senderId, msg.seen],
    [329, 28, 'note', 'Bonjour', 'user', 23, false]);
  assert.ok(!Number.isNaN(Date.parse(msg.dateCreated)));
  assert.equal(msg.case.status, 'active');
  assert.equal(msg.case.contact.id, 5);
  assert.deepEqual(msg.case.users.map((u) => u.type), ['user', 'contact']);
  assert.equal(msg.sender.name, 'TokenNew');
  assert.equal(msg.translateLangKey, 'fr');
  assert.deepEqual(JSON.parse(msg.raw).data, server.messages()[0]);
  assert.ok(!Object.keys(msg).includes('raw'));
  assert.match(server.requests()[0].body, /"priority":2/);
});

test('as the contact', async (t) => {
  const server = serverFor(t);
  const msg = await new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' }).sendMessage({ caseId: 28, message: 'Hi', asContactId: 5 });
  assert.deepEqual([msg.senderType, msg.senderId], ['contact', 5]);
});

test('inspect and JSON.stringify never show the key', (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'sk-live-secret-123' });
  for (const shown of [util.inspect(client), JSON.stringify(client), String(client), util.inspect(client.withOptions({ timeoutMs: 1000 }))]) {
    assert.ok(!shown.includes('secret'), shown);
  }
  assert.equal(util.inspect(client), `Client { baseUrl: '${server.url}', apiKey: '***' }`);
});

test('withOptions and per-call overrides', async (t) => {
  const server = serverFor(t);
  server.script({ delayMs: 300 }, { delayMs: 300 });
  const fast = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' }).withOptions({ timeoutMs: 100 });
  await assert.rejects(fast.sendMessage({ caseId: 28, message: 'x' }), acquire.APITimeoutError);
  const msg = await fast.sendMessage({ caseId: 28, message: 'x' }, { timeoutMs: 5000 });
  assert.equal(msg.caseId, 28);
});

test('the environment configures new Client() and sendMessage()', async (t) => {
  const server = serverFor(t);
  const saved = { ...process.env };
  t.after(() => { process.env = saved; });
  process.env.ACQUIRE_BASE_URL = server.url;
  process.env.ACQUIRE_API_KEY = 'mock-key';
  assert.equal(new acquire.Client().baseUrl, server.url);
  const msg = await acquire.sendMessage({ caseId: 28, message: 'from env' });
  assert.equal(msg.message, 'from env');
  assert.equal(server.requests()[0].stored, true);
});

test('user agent names node', async (t) => {
  const server = serverFor(t);
  await new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' }).sendMessage({ caseId: 28, message: 'x' });
  const agent = Object.fromEntries(server.requests()[0].headers)['user-agent'];
  assert.ok(agent.startsWith('acquire-rs/') && agent.includes('acquire-io-node/') && agent.includes('node/'), agent);
});

test('8 sends in flight: all delivered once, and the event loop keeps running', async (t) => {
  const server = serverFor(t);
  server.script(Array.from({ length: 8 }, () => ({ delayMs: 300 })));
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 10);
  const texts = Array.from({ length: 8 }, (_, i) => `in flight ${i}`);
  const sent = await Promise.all(texts.map((message) => client.sendMessage({ caseId: 28, message })));
  clearInterval(timer);
  assert.deepEqual(sent.map((m) => m.message).sort(), [...texts].sort());
  assert.deepEqual(server.messages().map((m) => m.message).sort(), [...texts].sort());
  assert.equal(server.requests().length, 8);
  // Blocked, the 10 ms timer could not fire during the >= 0.3 s of waiting.
  assert.ok(ticks >= 10, `timer fired ${ticks} times`);
});

test('the testing helpers: script, journal, reset, fixtures, static', async () => {
  const server = new MockServer();
  try {
    assert.equal(server.inboxUrl, `${server.url}/`);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
    server.script([{ status: 503 }, { fault: 'close', store: false }]);
    await assert.rejects(client.sendMessage({ caseId: 28, message: 'one' }), acquire.InternalServerError);
    await assert.rejects(client.sendMessage({ caseId: 28, message: 'two' }), acquire.APIConnectionError);
    await client.sendMessage({ caseId: 28, message: 'three' });
    assert.deepEqual(server.requests().map((r) => [r.status, r.stored, r.fault]),
      [[503, false, null], [null, false, 'close'], [200, true, null]]);
    assert.equal(Object.fromEntries(server.requests()[2].headers).authorization, 'Bearer ***');
    server.reset();
    assert.deepEqual([server.requests(), server.messages()], [[], []]);
    assert.throws(() => server.script({ fault: 'explode' }));
  } finally {
    server.stop();
    server.stop();
  }
  const custom = new MockServer({ fixtures: {
    apiKeys: [{ key: 'team-key', chat: true, sender: { id: 7, name: 'Ana' } }],
    cases: [{ id: 500, status: 'active', contact: { id: 9 }, users: [] }],
  } });
  const msg = await new acquire.Client({ baseUrl: custom.url, apiKey: 'team-key' }).sendMessage({ caseId: 500, message: 'hi' });
  assert.deepEqual([msg.id, msg.sender.name], [1, 'Ana']);
  custom.stop();
  const fixed = new MockServer({ static: true });
  const same = await new acquire.Client({ baseUrl: fixed.url, apiKey: 'mock-key' }).sendMessage({ caseId: 28, message: 'x' });
  assert.equal(same.message, 'this is test message');
  assert.deepEqual(fixed.requests(), []);
  fixed.stop();
});

test('ES module import gives the same API', async () => {
  const esm = await import('acquire-io');
  assert.equal(esm.Client, acquire.Client);
  assert.equal(esm.default.RateLimitError, acquire.RateLimitError);
});

test('package version is the Rust core version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  assert.equal(pkg.version, acquire.version);
});
