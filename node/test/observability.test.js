'use strict';

// The client's events: onEvent, the logger option, ACQUIRE_LOG and the diagnostics channel.
const test = require('node:test');
const assert = require('node:assert/strict');
const diagnostics = require('node:diagnostics_channel');
const { spawnSync } = require('node:child_process');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');

/** Resolves once `events` holds a finished event (events arrive on the event loop). */
async function finished(events) {
  for (let i = 0; i < 200 && !events.some((e) => e.event === 'finished'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return events;
}

test('a retried send tells each step, without the key or the text', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  server.script({ status: 429, headers: { 'retry-after': '1' } });
  const events = [];
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', onEvent: (e) => events.push(e) });
  await client.sendMessage({ caseId: 28, message: 'A private note' });
  await finished(events);
  assert.deepEqual(events.map((e) => e.event), ['request', 'response', 'retry', 'request', 'response', 'finished']);
  assert.deepEqual([events[1].status, events[1].error], [429, 'rate_limited']);
  assert.deepEqual([events[2].delayMs, events[2].reason], [1000, 'rate_limited']);
  const end = events[5];
  assert.deepEqual([end.status, end.error, end.attempts, end.caseId, end.mayHaveBeenDelivered], [200, null, 2, 28, false]);
  const told = JSON.stringify(events);
  assert.ok(!told.includes('A private note') && !told.includes('mock-key'));
});

test('the logger gets one info line per call and debug lines per step', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const lines = { info: [], debug: [] };
  const logger = { info: (line) => lines.info.push(line), debug: (line) => lines.debug.push(line) };
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', logger });
  await client.cases.get({ caseId: 28 });
  for (let i = 0; i < 200 && lines.info.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(lines.info.length, 1);
  assert.match(lines.info[0], /^GET \/crm\/objects\/case\/28: ok \(status 200\) after 1 attempt\(s\), /);
  assert.deepEqual(lines.debug.map((l) => l.split(' ')[0]), ['GET', 'attempt']);
});

test('events are published on the diagnostics channel', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const events = [];
  const listener = (event) => events.push(event);
  diagnostics.subscribe(acquire.EVENT_CHANNEL, listener);
  t.after(() => diagnostics.unsubscribe(acquire.EVENT_CHANNEL, listener));
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  await client.sendMessage({ caseId: 28, message: 'hi' });
  await finished(events);
  assert.equal(events.at(-1).event, 'finished');
});

test('a throwing hook is reported once and never breaks a send', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const warnings = [];
  const onWarning = (w) => warnings.push(w.message);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const client = new acquire.Client({
    baseUrl: server.url,
    apiKey: 'mock-key',
    onEvent: () => {
      throw new RangeError('a bug in the hook');
    },
  });
  assert.equal((await client.sendMessage({ caseId: 28, message: 'one' })).message, 'one');
  assert.equal((await client.sendMessage({ caseId: 28, message: 'two' })).message, 'two');
  for (let i = 0; i < 200 && warnings.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(warnings, ['acquire-io: an event hook threw RangeError; the call went on (reported once)']);
});

test('wrong hook and logger types are TypeErrors', () => {
  assert.throws(() => new acquire.Client({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', onEvent: 'print' }), TypeError);
  assert.throws(() => new acquire.Client({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', logger: 'console' }), TypeError);
});

test('ACQUIRE_LOG turns logging on without code', (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const script = `const { Client } = require('acquire-io');
    new Client({ baseUrl: ${JSON.stringify(server.url)}, apiKey: 'mock-key' })
      .sendMessage({ caseId: 28, message: 'A private note' })
      .then(() => setTimeout(() => {}, 50));`;
  const done = spawnSync(process.execPath, ['-e', script], {
    cwd: __dirname,
    env: { ...process.env, ACQUIRE_LOG: 'debug' },
    encoding: 'utf8',
  });
  const lines = done.stderr.trim().split('\n');
  assert.deepEqual(lines.map((line) => line.split(' ').slice(0, 2).join(' ')), ['acquire-io debug', 'acquire-io debug', 'acquire-io info']);
  assert.ok(!done.stderr.includes('A private note') && !done.stderr.includes('mock-key'));
});

test('logBodies gives onEvent and the debug log the bodies, cut', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const events = [];
  const lines = [];
  const logger = { info: () => {}, debug: (line) => lines.push(line) };
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', onEvent: (e) => events.push(e), logger, logBodies: true });
  await client.sendMessage({ caseId: 28, message: `A private note ${'x'.repeat(2000)}` });
  await finished(events);
  const [request, response] = events;
  assert.ok(request.body.startsWith('{"message":{"type":"message","message":"A private note x'), request.body);
  assert.ok(request.body.endsWith(' bytes)') && Buffer.byteLength(request.body) < 1100);
  assert.ok(response.body.includes('"senderType":"user"'));
  assert.match(lines[0], / body \{/);
  assert.ok(!JSON.stringify(events).includes('mock-key'));
  assert.throws(() => new acquire.Client({ baseUrl: server.url, apiKey: 'k', logBodies: 'yes' }), TypeError);
});
