// A reply bot: an HTTP endpoint for Acquire's webhooks that checks each delivery's
// signature, reads the event, and answers a customer's new message in the same case.
//
// Run against the local server:
//   ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT ACQUIRE_WEBHOOK_SECRET=s3cr3t node reply_bot.js
// then point the server's webhooks at the URL it prints first. BOT_PORT picks its port.
//
// Deliveries can repeat (Acquire retries until it gets a 200), so each message id is
// answered once; when a reply surely did not reach Acquire the bot answers 503 to be
// delivered again. (With Express: app.post('/hooks', express.raw({ type: '*/*' }), ...)
// and webhooks.constructEvent(req.body, req.get('x-acquire-signature'), SECRET).)
const http = require('node:http');
const { Client, webhooks, WebhookSignatureError } = require('acquire-io');

const client = new Client(); // ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)
const SECRET = process.env.ACQUIRE_WEBHOOK_SECRET;
const answered = new Set();

/** Answers the customer's message; resolves to the HTTP status for Acquire. */
async function replyTo(event) {
  const message = event.lastContactMessage;
  if (event.kind !== 'case_message_new' || !message || event.caseId === null || answered.has(message.id)) return 200;
  answered.add(message.id); // claimed now: a concurrent redelivery will not answer twice
  try {
    const sent = await client.sendMessage({
      caseId: event.caseId,
      message: `Thanks! We got your message: "${message.message}". An agent will follow up shortly.`,
    });
    console.log(`case ${event.caseId}: replied with message ${sent.id}`);
    return 200;
  } catch (err) {
    if (err.mayHaveBeenDelivered) return 200; // a redelivery could post it twice
    answered.delete(message.id);
    console.log(`case ${event.caseId}: ${err.message}; asking Acquire to deliver the webhook again`);
    return 503;
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const body = Buffer.concat(chunks); // the raw bytes, as signed
    let status;
    try {
      status = await replyTo(webhooks.constructEvent(body, req.headers[webhooks.SIGNATURE_HEADER], SECRET));
    } catch (err) {
      if (!(err instanceof WebhookSignatureError)) throw err;
      console.log(`refused a delivery: ${err.message}`);
      status = 401;
    }
    res.writeHead(status, { 'content-length': 0 }).end();
  });
});

server.listen(Number(process.env.BOT_PORT ?? 0), '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/acquire-webhooks`);
});
