'use strict';

// Shared by the suites: the cross-language vectors and a server per test.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { MockServer } = require('acquire-io/testing');

const VECTORS = path.resolve(__dirname, '..', '..', 'tests', 'vectors');

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

module.exports = { VECTORS, vectors, serverFor, freePort };
