'use strict';

// With @opentelemetry/api and a registered tracer provider, each call is one client span,
// a child of the caller's active span, with the HTTP client attributes (checked with the
// SDK's in-memory exporter); without a provider, nothing is recorded.
const test = require('node:test');
const assert = require('node:assert/strict');
const { context, trace, SpanKind, SpanStatusCode } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');

const exporter = new InMemorySpanExporter();

/** The spans exported so far, once `count` of them have ended. */
async function spans(count) {
  for (let i = 0; i < 200 && exporter.getFinishedSpans().length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return exporter.getFinishedSpans();
}

test('no provider registered: a client records nothing', async (t) => {
  const server = new MockServer();
  t.after(() => server.stop());
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  await client.sendMessage({ caseId: 28, message: 'untraced' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(exporter.getFinishedSpans().length, 0);
});

test('a retried send is one client span under the caller\'s span', async (t) => {
  exporter.reset();
  const server = new MockServer();
  t.after(() => server.stop());
  server.script({ status: 429, headers: { 'retry-after': '0' } });
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  const tracer = trace.getTracer('test');
  await tracer.startActiveSpan('handle request', async (parent) => {
    await client.sendMessage({ caseId: 28, message: 'A private note' });
    parent.end();
  });
  const finished = await spans(2);
  const parent = finished.find((s) => s.name === 'handle request');
  const span = finished.find((s) => s !== parent);
  assert.equal(parent.name, 'handle request');
  assert.equal(span.name, 'POST /crm/messenger/chat/add-message');
  assert.equal(span.kind, SpanKind.CLIENT);
  assert.equal(span.parentSpanContext?.spanId, parent.spanContext().spanId);
  assert.deepEqual(span.attributes, {
    'server.address': '127.0.0.1',
    'http.request.method': 'POST',
    'url.path': '/crm/messenger/chat/add-message',
    'acquire.case_id': 28,
    'http.request.resend_count': 1,
    'acquire.may_have_been_delivered': false,
    'http.response.status_code': 200,
  });
  assert.deepEqual(span.events.map((e) => [e.name, e.attributes?.reason]), [['retry', 'rate_limited']]);
  assert.ok(!JSON.stringify(span.attributes).includes('A private note'));
});

test('a failed read sets error.type and the span status', async (t) => {
  exporter.reset();
  const server = new MockServer();
  t.after(() => server.stop());
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'wrong-key' });
  await assert.rejects(client.cases.get({ caseId: 28 }), acquire.AuthenticationError);
  const [span] = await spans(1);
  assert.equal(span.name, 'GET /crm/objects/case/28');
  assert.equal(span.attributes['error.type'], 'unauthorized');
  assert.equal(span.attributes['http.response.status_code'], 401);
  assert.equal(span.status.code, SpanStatusCode.ERROR);
});

test('concurrent calls each get their own span', async (t) => {
  exporter.reset();
  const server = new MockServer();
  t.after(() => server.stop());
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  await Promise.all([client.cases.get({ caseId: 28 }), client.sendMessage({ caseId: 28, message: 'x' }), client.contacts.get({ contactId: 5 })]);
  const names = (await spans(3)).map((s) => s.name).sort();
  assert.deepEqual(names, ['GET /crm/objects/case/28', 'GET /crm/objects/contact/5', 'POST /crm/messenger/chat/add-message']);
});
