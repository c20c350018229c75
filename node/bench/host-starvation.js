// Does a slow Acquire freeze the rest of the app? Two experiments against one local server
// whose answers are delayed by 2 s:
//   1. with 4 sends in flight, how long a tiny fs.promises.readFile waits (libuv's pool);
//   2. how long 20 concurrent sends take, against the same 20 with built-in fetch.
// Run: make addon && node node/bench/host-starvation.js
'use strict';

const fs = require('node:fs');
const { Client } = require('acquire-io');
const { MockServer } = require('acquire-io/testing');

const DELAY_MS = 2000;
const PATH = '/api/v1/crm/messenger/chat/add-message?-x-user-type=user';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(run) {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const server = new MockServer();
  try {
    const client = new Client({ baseUrl: server.url, apiKey: 'mock-key' });
    const send = (i) => client.sendMessage({ caseId: 28, message: `slow ${i}` });
    const slow = (n) => server.script(Array.from({ length: n }, () => ({ delayMs: DELAY_MS })));

    slow(4);
    const inFlight = Array.from({ length: 4 }, (_, i) => send(i));
    await sleep(100);
    const readFile = await timed(() => fs.promises.readFile(__filename));
    await Promise.all(inFlight);

    slow(20);
    const twenty = await timed(() => Promise.all(Array.from({ length: 20 }, (_, i) => send(i))));

    slow(20);
    const body = JSON.stringify({ message: { type: 'message', message: 'fetch' }, caseId: 28 });
    const fetchOne = () => fetch(server.url + PATH, {
      method: 'POST',
      headers: { authorization: 'Bearer mock-key', 'content-type': 'application/json' },
      body,
    }).then((r) => r.json());
    const twentyFetch = await timed(() => Promise.all(Array.from({ length: 20 }, fetchOne)));

    console.log(`readFile while 4 sends wait on a ${DELAY_MS} ms server: ${readFile.toFixed(1)} ms`);
    console.log(`20 concurrent sends: ${(twenty / 1000).toFixed(2)} s (built-in fetch: ${(twentyFetch / 1000).toFixed(2)} s)`);
  } finally {
    server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
