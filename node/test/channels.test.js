'use strict';

// Sending by e-mail and SMS: the channel is the case's, the sender the client's mailFrom /
// smsFrom, the recipient the contact's; what cannot be sent is refused before anything is.
const test = require('node:test');
const assert = require('node:assert/strict');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

function clientFor(server, senders = true) {
  const from = senders ? { mailFrom: 'support@acme.example', smsFrom: '+1 555 0100' } : {};
  return new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0, ...from });
}

test('an e-mail goes by mail with its fields', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const kase = await client.cases.open({ contactId: 5, channel: 'email', title: 'Your order #1001' });
  const sent = await client.sendMessage({
    caseId: kase.id, message: 'It ships today', channel: 'email', mail: { cc: 'boss@acme.example', subject: 'Re: order' },
  });
  assert.deepEqual([sent.caseId, sent.channel, sent.message], [kase.id, 'email', 'It ships today']);
  const posted = server.requests().at(-1);
  assert.equal(posted.path, '/api/v1/mail/add-message');
  const { data } = JSON.parse(posted.body);
  assert.deepEqual([data.to, data.from, data.cc, data.subject], [['ann@example.com'], 'support@acme.example', ['boss@acme.example'], 'Re: order']);
});

test('sendToContact answers by SMS in an SMS case', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const kase = await client.cases.open({ contactId: 5, channel: 'sms' });
  const sent = await client.sendToContact({ email: 'ann@example.com', message: 'Your code is 4242' });
  assert.deepEqual([sent.caseId, sent.channel], [kase.id, 'sms']);
  const body = JSON.parse(server.requests().at(-1).body);
  assert.deepEqual([body.To, body.From, body.Body], ['+1 415 555 0100', '+1 555 0100', 'Your code is 4242']);
});

test('what cannot be sent is refused before sending', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const kase = await client.cases.open({ contactId: 6, channel: 'email' });
  const refused = (field) => (err) => err instanceof acquire.InvalidRequestError && err.field === field;
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'hi', channel: 'email' }), refused('channel'));
  await assert.rejects(clientFor(server, false).sendMessage({ caseId: kase.id, message: 'hi', channel: 'email' }), refused('mailFrom'));
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'hi', mail: { subject: 'x' } }), refused('subject'));
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'hi', mail: { sbject: 'x' } }), /mail takes/);
  assert.deepEqual(server.messages(), []);
  assert.ok(server.requests().slice(1).every((r) => r.method === 'GET'));
});
