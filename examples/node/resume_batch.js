// A batch that survives being aborted: the journal records every item, an AbortSignal ends
// the first run, and the second run with the same journal sends only the rest. Then an
// uncertain send is settled by reading the case back.
//
// Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT node resume_batch.js
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('acquire-io');

async function main() {
  const client = new Client();
  const journal = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'acquire-')), 'outbox.journal');
  const inputs = Array.from({ length: 100 }, (_, i) => ({ caseId: 28, message: `Node resume example, item ${i}` }));

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20); // what a shutdown handler would do
  const first = await client.sendMessages({ messages: inputs, concurrency: 2, journal, signal: controller.signal });
  console.log(`first run: ${first.filter((r) => r.ok).length} sent, ${first.filter((r) => !r.ok).length} stopped before sending`);

  const second = await client.sendMessages({ messages: inputs, journal });
  console.log(`second run: ${second.filter((r) => r.ok).length} of ${inputs.length} stored`);

  const since = new Date();
  await client.sendMessage({ caseId: 28, message: 'Was this stored?' });
  console.log('settle:', (await client.settle({ caseId: 28, message: 'Was this stored?', since })).status);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
