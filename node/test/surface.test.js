'use strict';

// The Node client against the declared surface (tests/surface.json) at run time: every
// operation exists, takes one parameters object whose shape (names, which are required) is
// the declared one, and names the per-call options' fields as every front end does. Types
// and results are checked by tsc on the generated test/surface.ts.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const acquire = require('acquire-io');
const { serverFor } = require('./helpers.js');

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'surface.json'), 'utf8'));
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const nodeName = (param) => ('node' in param ? param.node : camel(param.name));

function method(client, op) {
  const parts = op.name.split('.').map(camel);
  const owner = parts.slice(0, -1).reduce((target, part) => target[part], client);
  return [owner, parts.at(-1)];
}

/** The shape a method says it takes, from the TypeError a call with an unknown parameter throws. */
async function shapeOf(call) {
  try {
    const result = call({ __probe: true });
    if (result && typeof result.then === 'function') await result;
  } catch (err) {
    assert.ok(err instanceof TypeError, `${err}`);
    const shape = /takes \{ (.*) \}/.exec(err.message);
    assert.ok(shape, err.message);
    return shape[1].split(', ');
  }
  assert.fail('an unknown parameter was accepted');
}

const client = new acquire.Client({ baseUrl: 'http://127.0.0.1:9', apiKey: 'mock-key' });

for (const op of manifest.operations) {
  test(`surface: ${op.name} takes the declared parameters`, async () => {
    const [owner, name] = method(client, op);
    assert.equal(typeof owner[name], 'function', `${op.name} exists`);
    const declared = op.params
      .filter((param) => nodeName(param) !== null)
      .map((param) => `${nodeName(param)}${param.required ? '' : '?'}`);
    assert.deepEqual(await shapeOf((params) => owner[name](params)), declared);
  });
}

test('surface: no public method is undeclared', () => {
  const declared = { '': new Set(manifest.client_members.node) };
  for (const op of manifest.operations) {
    const parts = op.name.split('.').map(camel);
    const resource = parts.slice(0, -1).join('.');
    (declared[resource] ??= new Set()).add(parts.at(-1));
  }
  for (const [resource, names] of Object.entries(declared)) {
    const target = resource ? client[resource] : client;
    const proto = Object.getPrototypeOf(target);
    const own = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && !n.startsWith('_'));
    assert.deepEqual(new Set(own), names, resource || 'client');
  }
});

test('surface: the declared error classes exist', () => {
  for (const op of manifest.operations) {
    for (const name of op.errors) assert.ok(acquire[name]?.prototype instanceof acquire.AcquireError, name);
  }
});

// A value out of bounds for each option, and the field its error names in every front end.
const BAD = { timeout: -1, connect_timeout: 0, total_timeout: -5, max_retries: -1 };

for (const option of manifest.options.list.filter((o) => o.name in BAD)) {
  test(`surface: a bad ${nodeName(option)} names the field ${option.field} on every call`, async (t) => {
    const server = serverFor(t);
    const live = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
    const bad = { [nodeName(option)]: BAD[option.name] };
    const calls = [
      () => live.sendMessage({ caseId: 28, message: 'hi' }, bad),
      () => live.contacts.get({ contactId: 5 }, bad),
      () => live.cases.close({ caseId: 28 }, bad),
      () => live.findCase({ email: 'ann@example.com' }, bad),
      () => live.settle({ caseId: 28, message: 'hi', since: 0 }, bad),
      () => live.messages.get({ messageId: 329 }, bad),
    ];
    for (const call of calls) {
      await assert.rejects(async () => call(), (err) => err instanceof acquire.InvalidRequestError && err.field === option.field);
    }
    assert.deepEqual(server.requests(), [], 'a bad option sends nothing');
  });
}

test('surface: per-call options apply to reads', async (t) => {
  const server = serverFor(t);
  const live = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  server.script({ forPath: '/crm/objects/contact/5', status: 503 });
  await assert.rejects(live.contacts.get({ contactId: 5 }, { maxRetries: 0 }), (err) => err.status === 503 && err.attempts === 1);
  server.script({ forPath: '/crm/objects/contact/5', status: 503 });
  assert.equal((await live.contacts.get({ contactId: 5 })).id, 5);
});

test('surface: a wrong call says which shape it expects', async () => {
  assert.throws(() => client.messages.thread(28, 5), /messages\.thread takes \{ threadId, contactId \}, not number/);
  assert.throws(() => client.contacts.get({ contactId: '5' }), /contacts\.get takes \{ contactId \}: contactId must be an integer/);
  await assert.rejects(client.sendMessage({ caseId: 28 }), /sendMessage takes \{ caseId, message, .*\}: message is required/);
});
