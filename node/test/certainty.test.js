'use strict';

// Settling uncertain sends by reading back; journaled batches that resume and stop on an
// AbortSignal without sending anything twice.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acquire-node-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function storedTexts(server) {
  const counts = new Map();
  for (const m of server.messages()) counts.set(m.message, (counts.get(m.message) ?? 0) + 1);
  return counts;
}

test('settle answers delivered, not_delivered and unknown', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
  const since = new Date();
  server.script({ fault: 'close' });
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'order shipped' }), (err) => err.mayHaveBeenDelivered);
  const delivered = await client.settle({ caseId: 28, message: 'order shipped', since });
  assert.equal(delivered.status, 'delivered');
  assert.equal(delivered.message.id, server.messages()[0].id);
  server.script({ status: 500 });
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'never landed' }), acquire.InternalServerError);
  assert.equal((await client.settle({ caseId: 28, message: 'never landed', since: since.getTime() })).status, 'not_delivered');
  server.script({ forPath: '/crm/objects/case/28' }, { forPath: '/crm/objects/case/28', status: 200, body: '{"data": {"id": 28}}' });
  const unknown = await client.settle({ caseId: 28, message: 'something else', since });
  assert.equal(unknown.status, 'unknown');
  assert.match(unknown.reason, /history/);
});

test('settleUncertain returns the stored message instead of an error', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', settleUncertain: true });
  server.script({ fault: 'reset' });
  const sent = await client.sendMessage({ caseId: 28, message: 'hello' });
  assert.equal(sent.id, server.messages()[0].id);
  assert.equal(server.stats().stored, 1);
});

test('a journaled batch resumes and refuses another input', async (t) => {
  const server = serverFor(t);
  const journal = path.join(scratch(t), 'batch.journal');
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const inputs = Array.from({ length: 30 }, (_, i) => ({ caseId: 28, message: `item ${i}` }));
  const first = await client.sendMessages({ messages: inputs, journal });
  assert.ok(first.every((r) => r.ok));
  const again = await client.sendMessages({ messages: inputs, journal });
  assert.deepEqual(again.map((r) => r.message.id), first.map((r) => r.message.id));
  assert.deepEqual(first.map((r) => [r.index, r.source]), inputs.map((_, i) => [i, 'sent']));
  assert.deepEqual(again.map((r) => [r.index, r.source]), inputs.map((_, i) => [i, 'recorded']));
  assert.equal(server.stats().stored, 30);
  await assert.rejects(client.sendMessages({ messages: inputs.slice(0, 5), journal }), (err) => {
    assert.equal(err.constructor, acquire.JournalError);
    assert.match(err.message, /belongs to another input/);
    assert.equal(err.field, journal);
    assert.equal(err.mayHaveBeenDelivered, false);
    return true;
  });
  assert.equal(server.stats().stored, 30);
});

test('a journal in use by another run is refused and nothing is sent twice', async (t) => {
  const server = serverFor(t);
  const journal = path.join(scratch(t), 'batch.journal');
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const inputs = Array.from({ length: 200 }, (_, i) => ({ caseId: 28, message: `item ${i}` }));
  server.script(...inputs.map(() => ({ delayMs: 5 })));
  const first = client.sendMessages({ messages: inputs, concurrency: 4, journal });
  await new Promise((resolve) => setTimeout(resolve, 100)); // the first run holds the journal
  await assert.rejects(client.sendMessages({ messages: inputs, journal }), (err) => {
    assert.equal(err.constructor, acquire.JournalInUseError);
    assert.ok(err instanceof acquire.JournalError);
    assert.equal(err.message, `journal ${journal} is in use by another run`);
    assert.equal(err.code, 'journal_in_use');
    assert.equal(err.field, journal);
    assert.equal(err.mayHaveBeenDelivered, false);
    return true;
  });
  assert.ok((await first).every((r) => r.ok));
  const counts = storedTexts(server);
  assert.equal(counts.size, 200);
  assert.ok([...counts.values()].every((n) => n === 1));
});

test('an AbortSignal stops a batch; the journal resumes it exactly once', async (t) => {
  const server = serverFor(t);
  const journal = path.join(scratch(t), 'batch.journal');
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const inputs = Array.from({ length: 400 }, (_, i) => ({ caseId: 28, message: `item ${i}` }));
  server.script(...inputs.map(() => ({ delayMs: 10 })));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const stopped = await client.sendMessages({ messages: inputs, concurrency: 4, journal, signal: controller.signal });
  const cancelled = stopped.filter((r) => !r.ok);
  assert.ok(cancelled.length > 0 && cancelled.length < 400);
  assert.ok(cancelled.every((r) => r.error instanceof acquire.BatchCancelledError && !r.error.mayHaveBeenDelivered));
  const resumed = await client.sendMessages({ messages: inputs, concurrency: 4, journal });
  assert.ok(resumed.every((r) => r.ok));
  const counts = storedTexts(server);
  assert.equal(counts.size, 400);
  assert.ok([...counts.values()].every((n) => n === 1));
});

for (const c of require('./helpers.js').vectors('settle.json').cases) {
  test(`settle vector: ${c.name}`, async (t) => {
    const server = serverFor(t);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
    server.script(...c.answers);
    const settled = await client.settle({ ...c.send, since: new Date(c.since) });
    assert.equal(settled.status, c.expect.status);
    if (settled.status === 'delivered') assert.equal(settled.message.id, c.expect.messageId);
  });
}
