'use strict';

// The local server's web inbox in a real browser (headless Chromium): live updates,
// playing the customer through the reply-bot example, breaking sends on purpose, XSS and
// cross-origin safety, a 5,000-message conversation, and an accessibility check (axe-core).
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');
const { launch, openInbox } = require('./browser.js');
const { startBot } = require('../test/helpers.js');

let browser;
test.before(async () => { browser = await launch(); });
test.after(() => browser?.close());

/** A fresh server, its client, stopped after the test. */
function setUp(t) {
  const server = new MockServer();
  t.after(() => server.stop());
  return { server, client: new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' }) };
}

test('a send from the SDK appears in the open conversation within 1 s, without reload', async (t) => {
  const { server, client } = setUp(t);
  const page = await openInbox(browser, server.url, '#/conversations/28');
  let loads = 0;
  page.on('load', () => { loads += 1; });
  const started = Date.now();
  await client.sendMessage({ caseId: 28, message: 'Your order shipped today' });
  await page.locator('.messages .message.agent', { hasText: 'Your order shipped today' }).waitFor({ timeout: 1000 });
  const took = Date.now() - started;
  assert.ok(took < 1000, `${took} ms`);
  assert.equal(loads, 0);
  console.log(`# a send showed up in the open conversation ${took} ms after it began`);
  // The list on the left moved the case's last message too.
  await page.locator('a[data-case="28"] .snippet', { hasText: 'Agent: Your order shipped today' }).waitFor();
});

test('replying as the customer reaches the reply bot, whose answer shows up', async (t) => {
  const { server } = setUp(t);
  const botUrl = await startBot(t, server, 's3cr3t');

  const page = await openInbox(browser, server.url, '#/webhooks');
  await page.getByLabel('URL').fill(botUrl);
  await page.getByLabel('Secret').fill('s3cr3t');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#webhook-state', { hasText: `Sending to ${botUrl}` }).waitFor();

  await page.getByRole('link', { name: 'Conversations' }).click();
  await page.locator('a[data-case="28"]').click();
  await page.getByLabel('Reply as the customer').fill('Where is my order?');
  await page.getByRole('button', { name: 'Send as customer' }).click();
  const reply = page.locator('.message.customer', { hasText: 'Where is my order?' });
  await reply.waitFor();
  assert.match(await reply.locator('.meta').textContent(), /^Customer · Ann Lee/);
  await page.locator('.message.agent', { hasText: 'We got your message: "Where is my order?"' }).waitFor({ timeout: 5000 });

  await page.getByRole('link', { name: 'Webhooks' }).click();
  const delivery = page.locator('.delivery', { hasText: 'case:message:new' });
  await delivery.locator('.ok', { hasText: 'delivered' }).waitFor();
  assert.equal(await delivery.locator('tbody tr td').nth(2).textContent(), '200');
  const signature = await delivery.locator('pre').first().textContent();
  assert.match(signature, /^x-acquire-signature: [0-9a-f]{64}$/);
});

test('an edit, a deletion, a snooze and an invitation made with the SDK show in the open conversation', async (t) => {
  const { server, client } = setUp(t);
  const page = await openInbox(browser, server.url, '#/conversations/28');
  const wrong = await client.sendMessage({ caseId: 28, message: 'Your order ships Monday' });
  const extra = await client.sendMessage({ caseId: 28, message: 'Sent by mistake' });
  await page.locator('.message.agent', { hasText: 'Sent by mistake' }).waitFor();

  await client.messages.update({ messageId: wrong.id, message: 'Your order ships Tuesday' });
  const edited = page.locator(`.message[data-id="${wrong.id}"]`);
  await edited.locator('p', { hasText: 'Your order ships Tuesday' }).waitFor();
  assert.equal(await edited.locator('.badge.edited').textContent(), 'edited');

  await client.messages.delete({ messageId: extra.id });
  await page.locator(`.message[data-id="${extra.id}"]`).waitFor({ state: 'detached' });

  await client.cases.snooze({ caseId: 28, until: '2099-01-02 09:30:00', message: 'after the audit' });
  await page.locator('.conversation-head .snoozed', { hasText: 'Snoozed until 2099-01-02 09:30:00 UTC' }).waitFor();

  await client.cases.invite({ caseId: 28, agentIds: [11] });
  await page.locator('.conversation-head .agents', { hasText: 'Agents: Ava Reed, Ben Ito (invited)' }).waitFor();
});

test('a 503 queued in the page fails the next SDK send with the matching error', async (t) => {
  const { server, client } = setUp(t);
  const page = await openInbox(browser, server.url, '#/faults');
  await page.getByLabel('Answer').selectOption('503');
  await page.getByRole('button', { name: 'Queue' }).click();
  await page.locator('#script-state', { hasText: '1 queued · 0 taken so far' }).waitFor();
  await assert.rejects(client.sendMessage({ caseId: 28, message: 'Meets the 503' }), (err) => {
    assert.ok(err instanceof acquire.InternalServerError, err.name);
    assert.equal(err.status, 503);
    assert.equal(err.mayHaveBeenDelivered, false); // a 503 says the server did not take it
    return true;
  });
  await page.locator('#script-state', { hasText: '0 queued · 1 taken so far' }).waitFor();
  assert.equal(server.messages().length, 0);
});

test('a message with HTML in it is shown as text, and runs nothing', async (t) => {
  const { server, client } = setUp(t);
  const attack = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>';
  await client.sendMessage({ caseId: 28, message: attack });
  const page = await openInbox(browser, server.url, '#/conversations/28');
  await page.locator('.message p', { hasText: attack }).waitFor();
  assert.equal(await page.locator('.messages img, .messages script').count(), 0);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
});

test('a page of another site cannot post into the inbox; another Host is refused', async (t) => {
  const { server } = setUp(t);
  const target = `${server.url}/__mock/cases/28/contact-message`;
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<script>
      fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', body: '{"text":"from another site"}' })
        .finally(() => { document.title = 'posted'; });
    </script>`);
  });
  await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
  t.after(() => evil.close());
  const page = await browser.newPage();
  const answered = page.waitForResponse(target);
  await page.goto(`http://127.0.0.1:${evil.address().port}/`);
  assert.equal((await answered).status(), 403);
  await page.waitForFunction(() => document.title === 'posted');
  assert.equal(server.messages().length, 0);

  const rebound = await new Promise((resolve) => {
    http.get(`${server.url}/`, { headers: { host: 'attacker.example' } }, (res) => { res.resume(); resolve(res.statusCode); });
  });
  assert.equal(rebound, 403);
});

test('a conversation of 5,000 messages opens in under 1 s', async (t) => {
  const { server, client } = setUp(t);
  const inputs = Array.from({ length: 5000 }, (_, i) => ({ caseId: 28, message: `message ${i}` }));
  const sent = await client.sendMessages({ messages: inputs, concurrency: 16 });
  assert.ok(sent.every((r) => r.ok));
  const page = await openInbox(browser, server.url, '#/conversations');
  const started = Date.now();
  await page.locator('a[data-case="28"]').click();
  await page.locator('.message', { hasText: 'message 4999' }).waitFor();
  const took = Date.now() - started;
  assert.ok(took < 1000, `${took} ms`);
  await page.getByRole('button', { name: 'Show earlier messages (4900 more)' }).click();
  await page.getByRole('button', { name: 'Show earlier messages (4800 more)' }).waitFor();
  console.log(`# 5,000-message conversation opened in ${took} ms`);
});

test('no serious or critical accessibility violation in the main views (axe-core)', async (t) => {
  const { server, client } = setUp(t);
  await client.sendMessage({ caseId: 28, message: 'Hello' });
  await client.sendMessage({ caseId: 28, message: 'A note', type: 'note', translateLangKey: 'fr' });
  server.contactMessage(28, 'Hi there');
  // The page's CSP allows no inline script: bypassed for the injected axe-core only.
  const page = await openInbox(browser, server.url, '#/conversations/28', { bypassCSP: true });
  await page.locator('.message.customer').waitFor();
  for (const view of ['#/conversations/28', '#/webhooks', '#/faults', '#/requests']) {
    await page.goto(`${server.url}/${view}`);
    await page.locator('#live', { hasText: 'Live' }).waitFor();
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const result = await page.evaluate(() => window.axe.run());
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], view);
  }
});

test('an action the server refuses says why in the page', async (t) => {
  const { server } = setUp(t);
  server.setWebhook('http://127.0.0.1:9/unreachable', 's3cr3t');
  server.contactMessage(28, 'Anyone?');
  server.setWebhook(); // stop sending: a redelivery has nowhere to go
  const page = await openInbox(browser, server.url, '#/webhooks');
  await page.getByRole('button', { name: 'Redeliver' }).first().click();
  await page.locator('#live', { hasText: 'Not done: no webhook URL is set' }).waitFor();
});
