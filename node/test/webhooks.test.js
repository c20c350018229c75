'use strict';

// Webhooks: the shared vectors, the JavaScript surface, and the reply-bot example's loop.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const acquire = require('acquire-io');
const { VECTORS, vectors, serverFor, startBot } = require('./helpers.js');

const { webhooks } = acquire;
const WEBHOOKS = vectors('webhooks.json');
const SECRET = 'bot-secret';

const bodyOf = (c) => (c.bodyFile ? fs.readFileSync(path.join(VECTORS, c.bodyFile)) : Buffer.from(c.body, 'utf8'));

function lookup(value, keyPath) {
  for (const part of keyPath.split('.')) {
    if (part === 'length') return value.length;
    value = value?.[part];
  }
  return value === undefined ? null : value;
}

for (const c of WEBHOOKS.signatures) {
  test(`signature: ${c.name}`, () => {
    const body = bodyOf(c);
    if (c.expect === 'ok') {
      webhooks.verify(body, c.signature, c.secret);
      return;
    }
    assert.throws(() => webhooks.verify(body, c.signature, c.secret), (err) => {
      assert.ok(err instanceof acquire.WebhookSignatureError && err instanceof acquire.AcquireError);
      assert.equal(err.code, c.expect);
      if (c.signature) assert.ok(!err.message.includes(c.signature));
      return true;
    });
  });
}

for (const c of WEBHOOKS.events) {
  test(`event: ${c.name}`, () => {
    const body = bodyOf(c);
    if (c.expect.error) {
      assert.throws(() => webhooks.parseEvent(body), (err) => err instanceof acquire.WebhookPayloadError && err.code === c.expect.error);
      return;
    }
    const event = webhooks.parseEvent(body);
    for (const [keyPath, expected] of Object.entries(c.expect)) {
      let got = lookup(event, keyPath);
      if (keyPath.endsWith('dateCreated') && got) got = got.replace(/\.\d+Z$/, 'Z');
      assert.deepEqual(got, expected, keyPath);
    }
    assert.equal(event.raw, body.toString('utf8'));
  });
}

test('the JavaScript surface: strings and buffers, missing header, wrong types', () => {
  const body = '{"event":"case:message:new","data":{"caseId":"28","message":{"senderType":"contact","message":"hi"}}}';
  const signature = webhooks.sign(body, 's');
  assert.equal(signature, webhooks.sign(Buffer.from(body), 's'));
  const event = webhooks.constructEvent(new Uint8Array(Buffer.from(body)), signature, 's');
  assert.deepEqual([event.kind, event.caseId, event.lastContactMessage.message], ['case_message_new', 28, 'hi']);
  assert.ok(!Object.keys(event).includes('raw'));
  assert.throws(() => webhooks.constructEvent(body, undefined, 's'), (err) => err.code === 'missing_signature');
  assert.throws(() => webhooks.verify({ event: 'x' }, signature, 's'), TypeError);
  assert.equal(webhooks.SIGNATURE_HEADER, 'x-acquire-signature');
});

async function waitFor(done) {
  const deadline = Date.now() + 10000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

test('the reply bot answers a customer; a failed reply is redelivered', async (t) => {
  const server = serverFor(t);
  const url = await startBot(t, server, SECRET);
  server.setWebhook(url, SECRET);
  server.script({ status: 429, headers: { 'retry-after': '3600' } }); // the first reply fails, unsent
  server.contactMessage(28, 'Where is my order?');
  await waitFor(() => server.messages().length >= 2);
  const messages = server.messages();
  assert.deepEqual(messages.map((m) => m.senderType), ['contact', 'user']);
  assert.match(messages[1].message, /Where is my order\?/);
  await waitFor(() => server.webhooks().some((d) => d.status === 200));
  assert.deepEqual(server.webhooks().map((d) => d.status), [503, 200]);
  assert.deepEqual(server.requests().map((r) => [r.status, r.stored]), [[429, false], [200, true]]);
});

test('the reply bot refuses a forged delivery', async (t) => {
  const server = serverFor(t);
  const url = await startBot(t, server, SECRET);
  server.setWebhook(url, 'someone-else');
  server.contactMessage(28, 'hello?');
  await waitFor(() => server.webhooks().length >= 2);
  assert.deepEqual([...new Set(server.webhooks().map((d) => d.status))], [401]);
  assert.equal(server.messages().length, 1);
});
