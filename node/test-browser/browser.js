'use strict';

// Headless Chromium for the inbox's browser tests and screenshots: Debian's `chromium`
// (installed by `make test-browser`), driven by playwright-core; CHROMIUM overrides the path.
const { chromium } = require('playwright-core');

/** Launches the system Chromium, headless. */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'], // CI runs as root
  });
}

/** Opens the inbox at `hash` and waits until its live stream is connected. */
async function openInbox(browser, url, hash = '', options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, ...options });
  await page.goto(`${url}/${hash}`);
  await page.locator('#live', { hasText: 'Live' }).waitFor();
  return page;
}

module.exports = { launch, openInbox };
