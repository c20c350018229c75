'use strict';

// The README's pictures of the local server's inbox (`make screenshots`): a server with a
// few conversations, a webhook endpoint and a retried send, photographed in headless
// Chromium. Writes docs/images/inbox-{conversations,webhooks,requests}.png.
const http = require('node:http');
const path = require('node:path');
const acquire = require('acquire-io');
const { MockServer } = require('acquire-io/testing');
const { launch, openInbox } = require('../test-browser/browser.js');

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'images');

async function main() {
  const hooks = http.createServer((req, res) => { req.resume(); res.end(); });
  await new Promise((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const server = new MockServer();
  server.setWebhook(`http://127.0.0.1:${hooks.address().port}/acquire-webhooks`, 's3cr3t');
  const client = new acquire.Client({ baseUrl: server.url, apiKey: 'mock-key' });
  server.contactMessage(28, 'Hi! My order #1042 has not arrived yet.');
  await client.sendMessage({ caseId: 28, message: 'Sorry about that! Let me check with the carrier.' });
  await client.sendMessage({ caseId: 28, message: 'Carrier says: delayed at the depot, delivery tomorrow.', type: 'note' });
  server.script({ status: 429, headers: { 'retry-after': '1' } });
  await client.sendMessage({ caseId: 28, message: 'It will arrive tomorrow before noon.', translateLangKey: 'fr' });
  server.contactMessage(28, 'Great, thanks!');
  await client.sendMessage({ caseId: 31, message: 'Welcome back, Sam!' });
  await new Promise((resolve) => setTimeout(resolve, 300)); // webhook deliveries land

  const browser = await launch();
  try {
    const page = await openInbox(browser, server.url, '#/conversations/28');
    await page.locator('.message', { hasText: 'Great, thanks!' }).waitFor();
    await page.screenshot({ path: path.join(OUT, 'inbox-conversations.png') });
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.locator('.delivery').first().waitFor();
    await page.locator('.delivery details').first().click();
    await page.screenshot({ path: path.join(OUT, 'inbox-webhooks.png') });
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.locator('.requests details').nth(1).waitFor();
    await page.locator('.requests summary').nth(2).click();
    await page.screenshot({ path: path.join(OUT, 'inbox-requests.png') });
  } finally {
    await browser.close();
    server.stop();
    hooks.close();
  }
  console.log(`screenshots: ${OUT}/inbox-{conversations,webhooks,requests}.png`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
