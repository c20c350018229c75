'use strict';

// Contacts, cases and messages: typed results, async iterators one request per page,
// findCase / sendToContact and the typed errors.
const test = require('node:test');
const assert = require('node:assert/strict');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

function clientFor(server) {
  return new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
}

test('sendToContact reaches the active case', async (t) => {
  const server = serverFor(t);
  const sent = await clientFor(server).sendToContact({ email: 'ann@example.com', message: 'Your order shipped' });
  assert.deepEqual([sent.caseId, sent.message], [28, 'Your order shipped']);
  assert.equal(JSON.parse(sent.raw).data.id, sent.id);
  assert.equal(server.messages()[0].message, 'Your order shipped');
});

test('a closed history is reopened in its thread, and read back', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const found = await client.findCase({ email: 'bob@example.com' });
  assert.equal(found.source, 'reopened');
  assert.notEqual(found.case.id, 30);
  assert.equal(found.case.threadId, 30);
  const sent = await client.sendToContact({ contactId: 6, message: 'Back again' });
  assert.equal(sent.caseId, found.case.id);
  const thread = await client.messages.thread({ threadId: 30, contactId: 6 });
  assert.deepEqual(thread.map((c) => c.id), [30, found.case.id]);
  assert.deepEqual([thread[1].lastMessage.id, thread[1].lastMessage.message], [sent.id, 'Back again']);
  assert.equal((await client.messages.get({ messageId: sent.id })).message, 'Back again');
});

test('contacts search, get and create', async (t) => {
  const client = clientFor(serverFor(t));
  const sams = await client.contacts.findByEmail({ email: 'sam@example.com' });
  assert.deepEqual(sams.map((c) => [c.id, c.fields.name]), [[7, 'Sam Park'], [8, 'Samantha Park']]);
  const ann = await client.contacts.get({ contactId: 5 });
  assert.deepEqual([ann.fields.email, ann.cases.map((c) => c.id)], ['ann@example.com', [28, 29]]);
  const zoe = await client.contacts.create({ email: 'zoe@example.com', name: 'Zoe' });
  assert.deepEqual((await client.contacts.findByEmail({ email: 'zoe@example.com' })).map((c) => c.id), [zoe.id]);
});

test('not found, ambiguous and caseless contacts are typed and send nothing', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  await assert.rejects(client.sendToContact({ email: 'nobody@example.com', message: 'hi' }), (err) => {
    assert.ok(err instanceof acquire.ContactNotFoundError);
    assert.deepEqual([err.code, err.query, err.mayHaveBeenDelivered], ['contact_not_found', 'nobody@example.com', false]);
    return true;
  });
  await assert.rejects(client.findCase({ email: 'sam@example.com' }), (err) => {
    assert.ok(err instanceof acquire.AmbiguousContactError);
    assert.deepEqual(err.contactIds, [7, 8]);
    return true;
  });
  await assert.rejects(client.findCase({ email: 'nia@example.com' }), (err) => {
    assert.ok(err instanceof acquire.CaseNotFoundError);
    assert.equal(err.contactId, 9);
    return true;
  });
  assert.equal(server.stats().stored, 0);
  const created = await client.findCase({ email: 'nia@example.com', create: true });
  assert.equal(created.source, 'created');
});

test('bad input throws before any request', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  await assert.rejects(client.findCase({ email: 'not-an-email' }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'email');
  assert.throws(() => client.cases.list({ where: 'status=active' }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'where');
  for (const limit of [0, 1001]) {
    assert.throws(() => client.cases.list({ limit }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'limit');
  }
  await assert.rejects(client.findCase({ email: 'a@b.c', contactId: 5 }), TypeError);
  assert.throws(() => client.cases.get({ caseId: '28' }), TypeError);
  assert.deepEqual(server.requests(), []);
});

test('unknown ids are NotFoundError; a closed case refuses sends', async (t) => {
  const client = clientFor(serverFor(t));
  await assert.rejects(client.cases.get({ caseId: 999 }), (err) => {
    assert.ok(err instanceof acquire.NotFoundError);
    assert.deepEqual([err.status, err.errorType, err.mayHaveBeenDelivered], [404, 'ERROR_RECORD_NOT_FOUND', false]);
    return true;
  });
  const closed = await client.cases.close({ caseId: 28 });
  assert.deepEqual([closed.caseId, closed.contactId, closed.userId], [28, 5, 23]);
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'hi' }), (err) => err instanceof acquire.BadRequestError);
});

test('2,500 cases iterate with for await, one request per page, flat memory', async (t) => {
  const server = serverFor(t);
  const ids = server.addCases(9, { count: 2500 });
  const client = clientFor(server);
  const cases = client.cases.list({ contactId: 9, status: 'active', limit: 100 });
  assert.deepEqual(server.requests(), []);
  const seen = [];
  let heapAfterFirstPages = 0;
  for await (const c of cases) {
    seen.push(c.id);
    if (seen.length === 150) heapAfterFirstPages = process.memoryUsage().heapUsed;
  }
  assert.deepEqual(seen, ids);
  const paths = server.requests().map((r) => r.path);
  assert.equal(paths.length, 25);
  assert.ok(paths.every((p) => p.includes('limit=100')));
  // A page at a time: the heap does not grow with the list (generous bound for GC noise).
  assert.ok(process.memoryUsage().heapUsed < heapAfterFirstPages + 32 * 1024 * 1024);
});

test('contacts list pages lazily', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const ids = [];
  for await (const contact of client.contacts.list({ limit: 2 })) ids.push(contact.id);
  assert.deepEqual(ids.sort(), [5, 6, 7, 8, 9]);
  assert.equal(server.requests().length, 3);
});

test('a conversation lists every message in either order', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const sent = [];
  for (const message of ['first', 'second', 'third']) sent.push((await client.sendMessage({ caseId: 28, message })).id);
  const oldest = await client.messages.list({ caseId: 28, order: 'oldest' });
  assert.deepEqual(oldest.map((m) => m.id).filter((id) => sent.includes(id)), sent);
  const newest = await client.messages.list({ caseId: 28, limit: 2 });
  assert.deepEqual(newest.map((m) => m.message), ['third', 'second']);
  await assert.rejects(client.messages.list({ caseId: 28, order: 'latest' }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'order');
});

test('a sent message can be corrected and withdrawn', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const sent = await client.sendMessage({ caseId: 28, message: 'Your order ships Monday' });
  const fixed = await client.messages.update({ messageId: sent.id, message: 'Your order ships Tuesday', translateLangKey: 'fr' });
  assert.deepEqual([fixed.id, fixed.message], [sent.id, 'Your order ships Tuesday']);
  assert.ok(fixed.dateUpdated && JSON.parse(fixed.raw).data.id === sent.id);
  await assert.rejects(client.messages.update({ messageId: sent.id, message: ' ' }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'message');
  assert.equal(await client.messages.delete({ messageId: sent.id }), 1);
  await assert.rejects(client.messages.get({ messageId: sent.id }), acquire.NotFoundError);
});

test('a raw request reaches what the SDK does not model', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const answer = await client.rawRequest({ method: 'GET', path: '/crm/objects/case/28', query: { relations: 'messages' } });
  assert.equal(answer.data.id, 28);
  assert.ok(Array.isArray(answer.data.messages));
  const created = await client.rawRequest({ method: 'POST', path: '/crm/objects/contact', body: { fields: { email: 'raw@example.com' } } });
  assert.ok(Number.isInteger(created.data.id));
  await assert.rejects(client.rawRequest({ method: 'GET', path: 'https://elsewhere.example/x' }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'path');
  await assert.rejects(client.rawRequest({ method: 'GET', path: '/crm/objects/case/999' }), acquire.NotFoundError);
});

test('a contact update merges its fields', async (t) => {
  const server = serverFor(t);
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  await client.contacts.update({ contactId: 5, phone: '+1 415 555 0199', fields: { plan: 'gold' } });
  const read = await client.contacts.get({ contactId: 5 });
  assert.deepEqual([read.fields.email, read.fields.phone, read.fields.plan], ['ann@example.com', '+1 415 555 0199', 'gold']);
  await assert.rejects(client.contacts.update({ contactId: 5 }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'fields');
});

test('an invitation adds each agent once; a bad one is refused before sending', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const invitation = await client.cases.invite({ caseId: 28, agentIds: [1], departmentIds: new Set([2]) });
  assert.deepEqual(invitation.agents, [
    { userId: 1, online: true, sent: true },
    { userId: 11, online: false, sent: false },
    { userId: 26, online: false, sent: false },
  ]);
  const sent = server.requests().length;
  await assert.rejects(client.cases.invite({ caseId: 28 }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'agentIds');
  assert.throws(() => client.cases.invite({ caseId: 28, agentIds: ['11'] }), /agentIds must be integers/);
  assert.equal(server.requests().length, sent);
  await assert.rejects(client.cases.invite({ caseId: 28, agentIds: [99] }), (err) => err instanceof acquire.NotFoundError && err.status === 404);
});

test('a snooze takes a Date or text, and refuses the past before sending', async (t) => {
  const server = serverFor(t);
  const client = clientFor(server);
  const snoozed = await client.cases.snooze({ caseId: 28, until: new Date('2099-01-02T09:30:00+01:00'), message: 'after the audit' });
  assert.deepEqual(
    [snoozed.caseId, snoozed.contactId, snoozed.userId, snoozed.until, snoozed.message],
    [28, 5, 23, '2099-01-02T08:30:00Z', 'after the audit'],
  );
  const read = await client.cases.get({ caseId: 28 });
  assert.equal(read.snooze.scheduleDate, '2099-01-02 08:30:00');
  const sent = server.requests().length;
  for (const until of ['next week', '2020-05-28 12:30:00', new Date(0)]) {
    await assert.rejects(client.cases.snooze({ caseId: 28, until }), (err) => err instanceof acquire.InvalidRequestError && err.field === 'scheduleDate');
  }
  assert.equal(server.requests().length, sent);
});
