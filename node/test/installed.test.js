'use strict';

// The package as a user gets it: `npm pack`, installed into a fresh folder, required, sending.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { serverFor } = require('./helpers.js');

test('packed tarball installs into another folder and sends', (t) => {
  const root = path.join(__dirname, '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'acquire-io-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  fs.writeFileSync(path.join(scratch, 'package.json'), '{"name": "scratch", "private": true}');
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', path.join(scratch, tarball)], { cwd: scratch });
  const server = serverFor(t);
  const script = `
    const { Client } = require('acquire-io');
    new Client({ baseUrl: process.env.URL, apiKey: 'mock-key' })
      .sendMessage({ caseId: 28, message: 'from a packed install' })
      .then((m) => console.log(m.id, m.case.status));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: scratch, env: { ...process.env, URL: server.url }, encoding: 'utf8' });
  assert.deepEqual(out.trim().split(' '), ['329', 'active']);
  assert.equal(server.messages()[0].message, 'from a packed install');
});
