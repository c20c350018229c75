// Sends one message into each of several cases at once; case 29 is closed, so its item
// fails without stopping the others.
// Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT node send_messages.js
const { Client } = require('acquire-io');

async function main() {
  const client = new Client(); // ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)
  const inputs = [28, 29, 28].map((caseId, i) => ({ caseId, message: `Bulk message ${i} from Node` }));
  const results = await client.sendMessages({ messages: inputs, concurrency: 8,
    onProgress: (done, total) => console.log(`progress ${done}/${total}`), });
  results.forEach((result, i) => {
    if (result.ok) console.log(`case ${inputs[i].caseId}: sent message ${result.message.id}`);
    else console.log(`case ${inputs[i].caseId}: failed (${result.error.code}), may have been delivered: ${result.error.mayHaveBeenDelivered}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
