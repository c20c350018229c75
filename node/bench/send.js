// The Node clients of the benchmark, against the local server in --static mode.
//
// - `node node/bench/send.js`: starts its own server and prints µs per send for acquire-io
//   and its peers, one request at a time;
// - `node node/bench/send.js CLIENT SENDS URL`: one client against a running server,
//   printing {"client", "us_per_send"} as JSON (what bench/run.py, i.e. `make bench`,
//   calls, interleaving every language's clients round by round).
//
// Clients: acquire-io (sendMessage), node:http (a keep-alive Agent + JSON.parse), fetch
// (built-in, + json()); each with -8inflight (8 sends in flight); acquire-io-bulk
// (sendMessages, 8 at a time); acquire-io-logged (a logger getting every event as a line:
// the cost of observability); rss (resident memory after 100, SENDS/2 and SENDS sends, after
// a garbage collection when run with --expose-gc).
'use strict';

const http = require('node:http');
const { Client } = require('acquire-io');

const PATH = '/api/v1/crm/messenger/chat/add-message?-x-user-type=user';
const BODY = '{"message":{"type":"message","message":"this is test message"},"caseId":28}';
const TEXT = 'this is test message';
const HEADERS = { authorization: 'Bearer mock-key', 'content-type': 'application/json' };
const IN_FLIGHT = 8;

/** A send function for a client against `url`. */
function sender(name, url) {
  if (name === 'acquire-io') {
    const client = new Client({ baseUrl: url, apiKey: 'mock-key' });
    return () => client.sendMessage({ caseId: 28, message: TEXT });
  }
  if (name === 'acquire-io-logged') {
    // The cost of observability: every event as a debug/info line, formatted then dropped.
    const drop = (line) => line.length;
    const client = new Client({ baseUrl: url, apiKey: 'mock-key', logger: { debug: drop, info: drop } });
    return () => client.sendMessage({ caseId: 28, message: TEXT });
  }
  if (name === 'node:http') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    return () => new Promise((resolve, reject) => {
      const request = http.request(url + PATH, { method: 'POST', agent, headers: HEADERS }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      });
      request.on('error', reject);
      request.end(BODY);
    });
  }
  if (name === 'fetch') {
    return () => fetch(url + PATH, { method: 'POST', headers: HEADERS, body: BODY }).then((r) => r.json());
  }
  throw new Error(`unknown client ${name}`);
}

async function loop(send, sends) {
  for (let i = 0; i < sends; i += 1) await send();
}

/** µs per send with `inFlight` sends awaiting at once, after a warm-up. */
async function micros(send, sends, inFlight) {
  await loop(send, Math.max(1, Math.floor(sends / 10)));
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, () => loop(send, Math.floor(sends / inFlight))));
  return Number(process.hrtime.bigint() - start) / 1e3 / sends;
}

async function run(name, sends, url) {
  if (name === 'acquire-io-bulk') {
    const client = new Client({ baseUrl: url, apiKey: 'mock-key' });
    const inputs = Array.from({ length: sends }, () => ({ caseId: 28, message: TEXT }));
    const start = process.hrtime.bigint();
    const results = await client.sendMessages({ messages: inputs, concurrency: IN_FLIGHT });
    if (!results.every((r) => r.ok)) throw new Error('a bulk send failed');
    return { client: name, us_per_send: Number(process.hrtime.bigint() - start) / 1e3 / sends };
  }
  if (name === 'rss') {
    // What stays resident: garbage collected first (run with --expose-gc).
    const rss = () => {
      if (global.gc) global.gc();
      return Math.round(process.memoryUsage().rss / 1024);
    };
    const send = sender('acquire-io', url);
    await loop(send, 100);
    const after100 = rss();
    await loop(send, sends / 2 - 100);
    const afterHalf = rss();
    await loop(send, sends / 2);
    return { client: name, rss_kib_100: after100, rss_kib_half: afterHalf, rss_kib_all: rss() };
  }
  const inFlight = name.endsWith('-8inflight') ? IN_FLIGHT : 1;
  const send = sender(name.replace(/-8inflight$/, ''), url);
  return { client: name, us_per_send: await micros(send, sends, inFlight) };
}

async function main() {
  const [name, sends, url] = process.argv.slice(2);
  if (url !== undefined) {
    console.log(JSON.stringify(await run(name, Number(sends), url)));
    return;
  }
  const { MockServer } = require('acquire-io/testing');
  const server = new MockServer({ static: true });
  try {
    console.log('µs per send, 2,000 sends each, loopback, acquire-mock --static (full run: make bench):');
    for (const client of ['fetch', 'node:http', 'acquire-io']) {
      const { us_per_send: us } = await run(client, 2000, server.url);
      console.log(`  ${client.padEnd(12)} ${us.toFixed(1).padStart(8)}`);
    }
  } finally {
    server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
