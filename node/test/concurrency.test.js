'use strict';

// Sends wait on the client's own threads: the event loop and libuv's pool stay free, and
// sends overlap beyond libuv's 4 threads. Bulk send: order, isolation, no duplicates.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const dns = require('node:dns');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

const slowSteps = (n, delayMs) => Array.from({ length: n }, () => ({ delayMs }));
const elapsedMs = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(run) {
  const start = process.hrtime.bigint();
  await run();
  return elapsedMs(start);
}

test('slow sends leave libuv\'s pool free: readFile and dns.lookup stay fast', async (t) => {
  const server = serverFor(t);
  server.script(slowSteps(8, 1500));
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const sends = Array.from({ length: 8 }, (_, i) => client.sendMessage({ caseId: 28, message: `slow ${i}` }));
  await sleep(100);
  const readFile = await timed(() => fs.promises.readFile(__filename));
  const lookup = await timed(() => dns.promises.lookup('localhost'));
  await Promise.all(sends);
  assert.ok(readFile < 100, `readFile waited ${readFile} ms`);
  assert.ok(lookup < 100, `dns.lookup waited ${lookup} ms`);
});

test('32 concurrent sends to a 1 s server overlap (finish in under 2 s)', async (t) => {
  const server = serverFor(t);
  server.script(slowSteps(32, 1000));
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const took = await timed(() => Promise.all(Array.from({ length: 32 },
    (_, i) => client.sendMessage({ caseId: 28, message: `overlap ${i}` }))));
  assert.ok(took < 2000, `32 sends took ${took} ms`);
  assert.equal(server.messages().length, 32);
});

test('maxConcurrency bounds the sends at once', async (t) => {
  const server = serverFor(t);
  server.script(slowSteps(4, 500));
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxConcurrency: 2 });
  const took = await timed(() => Promise.all(Array.from({ length: 4 },
    (_, i) => client.sendMessage({ caseId: 28, message: `bounded ${i}` }))));
  assert.ok(took >= 1000, `two rounds of 500 ms, took ${took} ms`);
  assert.throws(() => new acquire.Client({ baseUrl: server.url, apiKey: 'k', maxConcurrency: 0 }),
    (err) => err instanceof acquire.InvalidRequestError && err.field === 'maxConcurrency');
  assert.throws(() => new acquire.Client({ baseUrl: server.url, apiKey: 'k', maxConcurrency: 5000 }),
    (err) => err instanceof acquire.InvalidRequestError && err.field === 'maxConcurrency');
});

test('sendMessages: 1000 items stored once each, results in input order, progress counted', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const inputs = Array.from({ length: 1000 }, (_, i) => ({ caseId: 28, message: `bulk ${i}` }));
  const progress = [];
  const results = await client.sendMessages({ messages: inputs, concurrency: 8, onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(results.length, 1000);
  results.forEach((result, i) => {
    assert.equal(result.ok, true);
    assert.equal(result.message.message, `bulk ${i}`);
    assert.equal(typeof result.message.raw, 'string');
  });
  const stored = server.messages().map((m) => m.message);
  assert.equal(stored.length, 1000);
  assert.equal(new Set(stored).size, 1000);
  await sleep(50); // progress calls are queued on the event loop as items finish
  assert.ok(progress.length > 0 && progress.every(([, total]) => total === 1000));
  assert.equal(Math.max(...progress.map(([done]) => done)), 1000);
});

test('sendMessages: failures land on their own items; a retried item is stored once', async (t) => {
  const server = serverFor(t);
  server.script(
    { status: 429, headers: { 'retry-after': '0' }, forText: 'rate limited once' },
    { status: 500, forText: 'server error' },
  );
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const inputs = Array.from({ length: 40 }, (_, i) => ({ caseId: 28, message: `ok ${i}` }));
  inputs[5] = { caseId: 29, message: 'closed case' };
  inputs[17] = { caseId: 28, message: 'rate limited once' };
  inputs[30] = { caseId: 28, message: 'server error' };
  inputs[33] = { caseId: 28, message: '   ' };
  inputs[36] = { caseId: 28, message: 'bad type', type: 'shout' };
  const results = await client.sendMessages({ messages: inputs, concurrency: 8 });

  assert.ok(results[5].error instanceof acquire.BadRequestError);
  assert.equal(results[5].error.status, 400);
  assert.equal(results[5].error.mayHaveBeenDelivered, false);
  assert.ok(results[30].error instanceof acquire.InternalServerError);
  assert.equal(results[30].error.mayHaveBeenDelivered, true);
  assert.equal(results[30].error.attempts, 1);
  assert.ok(results[33].error instanceof acquire.InvalidRequestError);
  assert.equal(results[33].error.field, 'message');
  assert.equal(results[36].error.field, 'type');
  assert.equal(results[17].message.message, 'rate limited once');
  const failed = results.flatMap((r, i) => (r.ok ? [] : [i]));
  assert.deepEqual(failed, [5, 30, 33, 36]);

  const stored = server.messages().map((m) => m.message);
  assert.equal(stored.length, 36);
  assert.equal(new Set(stored).size, 36);
  assert.equal(server.requests().filter((r) => r.body.includes('rate limited once')).length, 2);
});

test('sendMessages: wrong argument types throw before anything is sent', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  await assert.rejects(client.sendMessages({ messages: 'not a list' }), TypeError);
  await assert.rejects(client.sendMessages({ messages: [{ caseId: 28, message: 'fine' }, { caseId: '28', message: 'x' }] }), TypeError);
  await assert.rejects(client.sendMessages({ messages: [], concurrency: 0 }), acquire.InvalidRequestError);
  await assert.rejects(client.sendMessages({ messages: [], onProgress: 5 }), TypeError);
  await assert.rejects(client.sendMessages({ messages: [], parallel: 2 }), TypeError);
  assert.deepEqual(await client.sendMessages({ messages: [] }), []);
  assert.equal(server.requests().length, 0);
});

test('soak: 8 in flight x 1000 through one client, each stored once, at most 8 connections', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const lane = async (l) => {
    const ids = [];
    for (let i = 0; i < 1000; i += 1) ids.push((await client.sendMessage({ caseId: 28, message: `soak ${l}-${i}` })).id);
    return ids;
  };
  const ids = (await Promise.all(Array.from({ length: 8 }, (_, l) => lane(l)))).flat();
  assert.equal(new Set(ids).size, 8000);
  assert.deepEqual(server.stats(), { requests: 8000, stored: 8000 });
  assert.ok(Math.max(...server.requests().map((r) => r.connection)) < 8);
});
