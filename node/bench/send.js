// µs per send: acquire-io's sendMessage against Node's built-in fetch, same local server.
// Run: make addon && node node/bench/send.js
// Both post the same body to one acquire-mock in --static mode over keep-alive loopback,
// one request at a time; fetch also parses the JSON, acquire-io returns its typed message.
'use strict';

const { Client } = require('acquire-io');
const { MockServer } = require('acquire-io/testing');

const SENDS = 2000;
const ROUNDS = 5;
const PATH = '/api/v1/crm/messenger/chat/add-message?-x-user-type=user';
const BODY = '{"message":{"type":"message","message":"this is test message"},"caseId":28}';

async function micros(run) {
  for (let i = 0; i < SENDS / 10; i += 1) await run();
  const rounds = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < SENDS; i += 1) await run();
    rounds.push(Number(process.hrtime.bigint() - start) / 1e3 / SENDS);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(ROUNDS / 2)];
}

async function main() {
  const server = new MockServer({ static: true });
  try {
    const client = new Client({ baseUrl: server.url, apiKey: 'mock-key' });
    const ours = await micros(async () => {
      await client.sendMessage({ caseId: 28, message: 'this is test message' });
    });
    const url = server.url + PATH;
    const headers = { authorization: 'Bearer mock-key', 'content-type': 'application/json' };
    const peer = await micros(async () => {
      const response = await fetch(url, { method: 'POST', headers, body: BODY });
      const data = await response.json();
      if (data.data.caseId !== 28) throw new Error('unexpected answer');
    });
    console.log(`µs per send (median of ${ROUNDS} x ${SENDS}, loopback, acquire-mock --static):`);
    console.log(`  fetch + json()             ${peer.toFixed(1).padStart(8)}`);
    console.log(`  acquire-io sendMessage     ${ours.toFixed(1).padStart(8)}`);
    console.log(`acquire-io / fetch = ${(ours / peer).toFixed(2)}x`);
  } finally {
    server.stop();
  }
}

main();
