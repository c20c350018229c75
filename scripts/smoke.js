// Smoke test of an installed acquire-io (or of node/ after a build): a send to the
// in-process local server, and which binary the loader picked.
const { Client, version } = require('acquire-io');
const { MockServer } = require('acquire-io/testing');

const server = new MockServer();
new Client({ baseUrl: server.url, apiKey: 'mock-key' })
  .sendMessage({ caseId: 28, message: 'smoke' })
  .then((sent) => {
    if (sent.caseId !== 28 || !server.requests()[0].stored) throw new Error('smoke failed');
    console.log('smoke ok', version, process.platform, process.arch);
  })
  .finally(() => server.stop());
