'use strict';

// The shared read-side vectors (tests/vectors/read-side.json): each docs example answers
// one call; the request on the wire and the typed result or error are checked.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const acquire = require('acquire-io');
const { VECTORS, vectors, serverFor } = require('./helpers.js');

const CLASSES = {
  decode: acquire.APIResponseValidationError,
  not_found: acquire.NotFoundError,
  server_error: acquire.InternalServerError,
};

async function run(client, call, args) {
  switch (call) {
    case 'contacts.find_by_email': return client.contacts.findByEmail({ email: args.email });
    case 'contacts.list': {
      const all = [];
      for await (const contact of client.contacts.list({ limit: args.limit })) all.push(contact);
      return all;
    }
    case 'contacts.get': return client.contacts.get({ contactId: args.id });
    case 'contacts.create': return client.contacts.create({ email: args.email, name: args.name });
    case 'cases.list': {
      const taken = [];
      for await (const c of client.cases.list({ contactId: args.contactId, status: args.status, limit: args.limit })) {
        taken.push(c);
        if (taken.length === args.take) break;
      }
      return taken;
    }
    case 'cases.get': return client.cases.get({ caseId: args.id });
    case 'cases.open': return client.cases.open({ contactId: args.contactId, threadId: args.threadId, message: args.message });
    case 'cases.close': return client.cases.close({ caseId: args.id });
    case 'messages.thread': return client.messages.thread({ threadId: args.threadId, contactId: args.contactId });
    case 'messages.get': return client.messages.get({ messageId: args.id });
    case 'messages.update':
      return client.messages.update({ messageId: args.id, message: args.message, type: args.type, translateLangKey: args.translateLangKey });
    case 'messages.delete': return { deleted: await client.messages.delete({ messageId: args.id }) };
    case 'contacts.update': return client.contacts.update({ contactId: args.id, fields: args.fields });
    case 'cases.invite': return client.cases.invite({ caseId: args.caseId, agentIds: args.agentIds, departmentIds: args.departmentIds });
    case 'cases.snooze': return client.cases.snooze({ caseId: args.caseId, until: args.until, message: args.message });
    default: throw new Error(`unknown call ${call}`);
  }
}

function lookup(value, dotted) {
  for (const key of dotted.split('.')) {
    if (key === 'length' && Array.isArray(value)) return value.length;
    if (value === null || value === undefined) return undefined;
    value = value[key];
  }
  return value;
}

function same(dotted, expected, got) {
  const last = dotted.split('.').pop();
  if (typeof expected === 'string' && (last.startsWith('date') || last === 'until')) return Date.parse(expected) === Date.parse(got);
  if (expected === null) return got === null || got === undefined;
  return JSON.stringify(expected) === JSON.stringify(got);
}

for (const c of vectors('read-side.json').cases) {
  test(c.name, async (t) => {
    const server = serverFor(t);
    const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key', maxRetries: 0 });
    const body = c.answer.bodyFile ? fs.readFileSync(path.join(VECTORS, c.answer.bodyFile), 'utf8') : c.answer.body;
    const bare = c.request.path.replace(/^\/api\/v1/, '').split('?')[0];
    server.script({ status: c.answer.status, body, forPath: bare });
    if (c.expect.error) {
      await assert.rejects(run(client, c.call, c.args), (err) => {
        assert.ok(err instanceof CLASSES[c.expect.error.code], `${err.name}: ${err.message}`);
        assert.equal(err.code, c.expect.error.code);
        assert.equal(err.mayHaveBeenDelivered, c.expect.error.mayHaveBeenDelivered);
        assert.equal(err.status, c.expect.error.status);
        if (c.expect.error.errorType) assert.equal(err.errorType, c.expect.error.errorType);
        return true;
      });
    } else {
      const actual = await run(client, c.call, c.args);
      for (const [dotted, expected] of Object.entries(c.expect.result)) {
        assert.ok(same(dotted, expected, lookup(actual, dotted)), `${dotted}: ${JSON.stringify(lookup(actual, dotted))}`);
      }
    }
    const requests = server.requests();
    assert.equal(requests.length, 1);
    assert.deepEqual([requests[0].method, requests[0].path], [c.request.method, c.request.path]);
    if (c.request.body !== undefined) assert.equal(requests[0].body, c.request.body);
    if (c.request.bodyFile) {
      const docsRequest = JSON.parse(fs.readFileSync(path.join(VECTORS, c.request.bodyFile), 'utf8'));
      assert.deepEqual(JSON.parse(requests[0].body), docsRequest, 'the docs\' request');
    }
  });
}
