// Scenario 3: a logged-in Baileys stays connected across several keepalive periods, with every
// IQ it sends answered and nothing unexpected in its log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { eventually, linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

const KEEPALIVE_MS = 2000;
// Baileys only notices an unanswered IQ after defaultQueryTimeoutMs (60 s by default): shortened
// so that an IQ the simulator ignores shows up as a warning within this test.
const QUERY_TIMEOUT_MS = 4000;
const PERIODS = 4;

let simulator;
let session;

before(async () => {
  simulator = await startTrustedSimulator();
});

after(async () => {
  await session?.end();
  await simulator?.stop();
});

test(`scenario 3: stays open across ${PERIODS} keepalive periods of ${KEEPALIVE_MS} ms`, { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'keepalive');
  session = await connectBaileys({
    simulator,
    authDir,
    socketOptions: { keepAliveIntervalMs: KEEPALIVE_MS, defaultQueryTimeoutMs: QUERY_TIMEOUT_MS }
  });
  await session.waitForOpen();
  const openedAt = Date.now();

  await sleep(PERIODS * KEEPALIVE_MS + 1000);

  assert.equal(session.closed, false, `the connection closed.\n${session.describe()}`);
  const pings = [...session.sentIqs.values()].filter(iq => iq.xmlns === 'w:p' && iq.at >= openedAt);
  assert.ok(pings.length >= 3, `at least 3 keepalive pings sent, saw ${pings.length}`);
  assert.deepEqual(session.unansweredIqs(1000), [], 'every IQ Baileys sent was answered');
  const uploads = [...session.sentIqs.values()].filter(iq => iq.xmlns === 'encrypt' && iq.type === 'set');
  assert.deepEqual(uploads, [], 'the simulator kept the pre-keys of the first login, so none are uploaded again');
  assert.deepEqual(session.problems(), [], `no warnings or errors.\n${session.describe()}`);

  const device = await simulator.device(deviceJid);
  assert.equal(device?.connected, true, `GET /devices: ${JSON.stringify(await simulator.devices())}`);
  assert.equal(device.liveConnections, 1);
});
