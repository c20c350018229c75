// Puts the repository's licence files into an npm package folder and lists them in its
// `files` (npm packs no symlink and no LICENSE-* unless listed). Used by pack.js and by the
// release workflow: node scripts/licenses.js DIR...
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const LICENSES = ['LICENSE-MIT', 'LICENSE-APACHE'];
const repository = path.resolve(__dirname, '..', '..');

/** Copies the licence files into `dir` and adds them to its package.json `files`. */
function addLicenses(dir) {
  for (const name of LICENSES) fs.copyFileSync(path.join(repository, name), path.join(dir, name));
  const manifestPath = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (manifest.files && !LICENSES.every((name) => manifest.files.includes(name))) {
    manifest.files.push(...LICENSES.filter((name) => !manifest.files.includes(name)));
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** Deletes the copies `addLicenses` made (package.json keeps listing them). */
function removeLicenses(dir) {
  for (const name of LICENSES) fs.rmSync(path.join(dir, name), { force: true });
}

module.exports = { addLicenses, removeLicenses };

if (require.main === module) {
  for (const dir of process.argv.slice(2)) addLicenses(dir);
}
