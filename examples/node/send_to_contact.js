// From a customer's e-mail address to their conversation: send, reopen a closed one, list
// a contact's cases, and the typed errors of an ambiguous or unknown address.
//
// Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT node send_to_contact.js
const { Client, AmbiguousContactError } = require('acquire-io');

async function main() {
  const client = new Client(); // ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)

  const sent = await client.sendToContact({ email: 'ann@example.com', message: 'Your order shipped' });
  console.log(`message ${sent.id} in case ${sent.caseId}`);

  // Bob's only case is closed: the SDK reopens his thread as a new case.
  const found = await client.findCase({ email: 'bob@example.com' });
  console.log(`bob: case ${found.case.id} (${found.source}) in thread ${found.case.threadId}`);

  for await (const c of client.cases.list({ contactId: 5 })) console.log(`ann's case ${c.id} is ${c.status}`);

  try {
    await client.sendToContact({ email: 'sam@example.com', message: 'Hi' });
  } catch (err) {
    if (!(err instanceof AmbiguousContactError)) throw err;
    console.log(`sam@example.com is shared by contacts ${err.contactIds.join(', ')}: pass one id`);
  }

  const welcome = await client.sendToContact({ email: 'new.customer@example.com', message: 'Welcome aboard!', create: true });
  console.log(`new customer: message ${welcome.id} in new case ${welcome.caseId}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
