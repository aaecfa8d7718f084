// Scenario 4: each way the simulator can end a logged-in connection, and the disconnect code
// Baileys reports for it (protocol.md §9).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DisconnectReason } from 'baileys';
import { connectBaileys, reasonName } from '../lib/baileys-session.mjs';
import { eventually, linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

const KEEPALIVE_MS = 2000;

let simulator;
let device;
const sessions = [];

before(async () => {
  simulator = await startTrustedSimulator();
  device = await linkNewDevice(simulator, 'disconnects');
});

after(async () => {
  for (const session of sessions) {
    await session.end();
  }
  await simulator?.stop();
});

async function loggedInSession() {
  const session = await connectBaileys({
    simulator,
    authDir: device.authDir,
    socketOptions: { keepAliveIntervalMs: KEEPALIVE_MS }
  });
  sessions.push(session);
  await session.waitForOpen();
  return session;
}

async function assertClosedWith(session, expected, timeoutMs = 10_000) {
  const close = await session.waitForClose(timeoutMs);
  assert.equal(
    close.statusCode,
    expected,
    `expected ${expected} (${reasonName(expected)}), Baileys reported ${close.statusCode} (${close.reason}).\n${session.describe()}`
  );
  // The simulator's view must follow: the device has no live connection any more.
  const afterClose = await eventually(
    () => simulator.device(device.deviceJid),
    d => d?.liveConnections === 0
  );
  assert.equal(afterClose?.liveConnections, 0, `GET /devices after the close: ${JSON.stringify(afterClose)}`);
}

const streamErrors = [
  [515, DisconnectReason.restartRequired],
  [503, DisconnectReason.unavailableService],
  [500, DisconnectReason.badSession],
  [440, DisconnectReason.connectionReplaced]
];

for (const [code, expected] of streamErrors) {
  test(`scenario 4: stream error ${code} -> ${expected} ${reasonName(expected)}`, { timeout: 30_000 }, async () => {
    const session = await loggedInSession();
    await simulator.streamError(device.deviceJid, code);
    await assertClosedWith(session, expected);
  });
}

test('scenario 4: drop -> 428 connectionClosed', { timeout: 30_000 }, async () => {
  const session = await loggedInSession();
  await simulator.drop(device.deviceJid);
  await assertClosedWith(session, DisconnectReason.connectionClosed);
});

test('failure 403 -> 403 forbidden "Connection Failure"', { timeout: 30_000 }, async () => {
  const session = await loggedInSession();
  await simulator.failure(device.deviceJid, 403);
  await assertClosedWith(session, DisconnectReason.forbidden);
  assert.equal((await session.waitForClose()).message, 'Connection Failure');
});

test('<xmlstreamend/> -> 428 "Connection Terminated by Server"', { timeout: 30_000 }, async () => {
  const session = await loggedInSession();
  await simulator.endStream(device.deviceJid);
  await assertClosedWith(session, DisconnectReason.connectionClosed);
  assert.equal((await session.waitForClose()).message, 'Connection Terminated by Server');
});

test('WebSocket close frame -> 428 "Connection Terminated"', { timeout: 30_000 }, async () => {
  const session = await loggedInSession();
  await simulator.closeSocket(device.deviceJid);
  await assertClosedWith(session, DisconnectReason.connectionClosed);
  assert.equal((await session.waitForClose()).message, 'Connection Terminated');
});

test('scenario 4: silence (pings unanswered) -> 408 connectionLost', { timeout: 60_000 }, async t => {
  const session = await loggedInSession();
  const silencedAt = Date.now();
  await simulator.silence(device.deviceJid, 30);
  // Baileys checks at every keepalive tick whether nothing arrived for interval + 5 s, so it gives
  // up 7 to 9 s after the last frame with a 2 s interval. It reports the close only after its
  // WebSocket close handshake, which the ws library gives up on after 30 s: hence the long wait.
  await assertClosedWith(session, DisconnectReason.connectionLost, 45_000);
  const close = await session.waitForClose();
  assert.equal(close.message, 'Connection was lost');
  const gaveUp = session.logger.entries.find(entry => entry.msg === 'connection errored');
  const closed = session.updates.find(update => update.connection === 'close');
  t.diagnostic(
    `Baileys gave up ${gaveUp ? gaveUp.at - silencedAt : '?'} ms after the silence began and reported the close ` +
      `${closed.at - silencedAt} ms after it (a gap means the simulator left the WebSocket close handshake unanswered)`
  );
});
