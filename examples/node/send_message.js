// Sends a chat message, an internal note and a reply as the customer, then shows a typed error.
// Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT node send_message.js
const { Client, BadRequestError } = require('acquire-io');

async function main() {
  const client = new Client(); // ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)

  const msg = await client.sendMessage({ caseId: 28, message: 'Hello from Node!' });
  console.log(`message ${msg.id} in case ${msg.caseId} (${msg.case?.status}) at ${msg.dateCreated}`);

  const note = await client.sendMessage({ caseId: 28, message: 'VIP customer', type: 'note', translateLangKey: 'fr' });
  console.log(`note ${note.id} by ${note.sender?.name}`);

  const reply = await client.sendMessage({ caseId: 28, message: 'Thanks!', asContactId: 5 });
  console.log(`reply ${reply.id} from the ${reply.senderType}`);

  try {
    await client.sendMessage({ caseId: 99, message: 'Anyone there?' });
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    console.log(`case 99: ${err.status} ${err.errorType}: ${err.message}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
