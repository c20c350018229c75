// Packs the npm packages as they are published: the root `acquire-io` (loader, JS, types;
// no .node inside) and one `acquire-io-<platform>` package per binary found
// (`acquire-io.<platform>.node` in node/ or in --artifacts DIR).
// Usage: node scripts/pack.js DEST [--artifacts DIR]; prints the tarballs' paths.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { addLicenses, removeLicenses } = require('./licenses');

const root = path.resolve(__dirname, '..');
const [dest, flag, artifacts] = process.argv.slice(2);
if (!dest || (flag && flag !== '--artifacts')) {
  console.error('usage: node scripts/pack.js DEST [--artifacts DIR]');
  process.exit(2);
}
fs.mkdirSync(dest, { recursive: true });
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8' });
const pack = (dir) => {
  addLicenses(dir);
  try {
    const output = run('npm', ['pack', '--silent', '--pack-destination', path.resolve(dest)], dir);
    return path.join(path.resolve(dest), output.trim().split('\n').pop());
  } finally {
    removeLicenses(dir);
  }
};

run(process.execPath, [path.join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js'), 'create-npm-dirs'], root);
const binaries = fs.readdirSync(artifacts ?? root).filter((f) => /^acquire-io\..+\.node$/.test(f));
if (binaries.length === 0) throw new Error('no acquire-io.<platform>.node to pack: build the addon first');
const tarballs = [];
for (const binary of binaries) {
  const platform = binary.slice('acquire-io.'.length, -'.node'.length);
  const dir = path.join(root, 'npm', platform);
  fs.copyFileSync(path.join(artifacts ?? root, binary), path.join(dir, binary));
  tarballs.push(pack(dir));
}
tarballs.unshift(pack(root));
console.log(tarballs.join('\n'));
