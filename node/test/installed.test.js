'use strict';

// The packages as a user gets them: the root tarball (no binary inside) and the platform
// package, packed as published, installed offline into a fresh folder, required, sending.
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
  const packed = execFileSync(process.execPath, [path.join(root, 'scripts', 'pack.js'), path.join(scratch, 'pk')], { cwd: root, encoding: 'utf8' });
  const tarballs = packed.trim().split('\n');
  const listing = execFileSync('tar', ['tzf', tarballs[0]], { encoding: 'utf8' });
  assert.ok(!/\.node$/m.test(listing), 'the root package holds no binary');
  fs.writeFileSync(path.join(scratch, 'package.json'), '{"name": "scratch", "private": true}');
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', ...tarballs], { cwd: scratch });
  const server = serverFor(t);
  const script = `
    const { Client } = require('acquire-io');
    new Client({ baseUrl: process.env.URL, apiKey: 'mock-key' })
      .sendMessage({ caseId: 28, message: 'from a packed install' })
      .then((m) => console.log(m.id, m.case.status, Object.keys(require.cache).find((k) => k.endsWith('.node'))));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: scratch, env: { ...process.env, URL: server.url }, encoding: 'utf8' });
  const [id, status, binary] = out.trim().split(' ');
  assert.deepEqual([id, status], ['329', 'active']);
  assert.match(binary, /node_modules[\\/]acquire-io-[a-z0-9-]+[\\/]acquire-io\.[a-z0-9-]+\.node$/, 'loaded from the platform package');
  assert.equal(server.messages()[0].message, 'from a packed install');
});
