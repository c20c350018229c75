'use strict';

// Shared by the suites: the cross-language vectors and a server per test.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { MockServer } = require('acquire-io/testing');

const VECTORS = path.resolve(__dirname, '..', '..', 'tests', 'vectors');
const BOT = path.resolve(__dirname, '..', '..', 'examples', 'node', 'reply_bot.js');

function vectors(name) {
  return JSON.parse(fs.readFileSync(path.join(VECTORS, name), 'utf8'));
}

/** Starts a server for one test and stops it when the test ends. */
function serverFor(t) {
  const server = new MockServer();
  t.after(() => server.stop());
  return server;
}

/** A port nothing listens on (bound, then released). */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** examples/node/reply_bot.js installed next to the package, running against `server`; its URL. */
async function startBot(t, server, secret) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acquire-bot-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.resolve(__dirname, '..'), path.join(dir, 'node_modules', 'acquire-io'), 'dir');
  fs.copyFileSync(BOT, path.join(dir, 'reply_bot.js'));
  const env = { ...process.env, ACQUIRE_API_KEY: 'mock-key', ACQUIRE_BASE_URL: server.url, ACQUIRE_WEBHOOK_SECRET: secret };
  delete env.ACQUIRE_ACCOUNT_ID;
  const child = spawn(process.execPath, [path.join(dir, 'reply_bot.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const lines = readline.createInterface({ input: child.stdout });
  const [url] = await new Promise((resolve) => lines.once('line', (line) => resolve([line])));
  return url;
}

module.exports = { VECTORS, vectors, serverFor, freePort, startBot };
