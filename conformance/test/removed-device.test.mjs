// Scenario 6 (and the 401 row of scenario 4): a device removed with stream error 401 is told
// loggedOut, and every later login with its creds fails with 401 instead of opening.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DisconnectReason } from 'baileys';
import { BaileysProcess } from '../lib/baileys-process.mjs';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

let simulator;
let device;
const cleanups = [];

before(async () => {
  simulator = await startTrustedSimulator();
  device = await linkNewDevice(simulator, 'removed');
});

after(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
  await simulator?.stop();
});

test('scenario 4/6: stream error 401 -> 401 loggedOut', { timeout: 30_000 }, async () => {
  const session = await connectBaileys({ simulator, authDir: device.authDir });
  cleanups.push(() => session.end());
  await session.waitForOpen();
  await simulator.streamError(device.deviceJid, 401);
  const close = await session.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.loggedOut, session.describe());
  await session.end();
});

test('scenario 6: the removed device cannot log in again (401, no open)', { timeout: 30_000 }, async () => {
  const retry = await connectBaileys({ simulator, authDir: device.authDir });
  cleanups.push(() => retry.end());
  const close = await retry.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.loggedOut, retry.describe());
  assert.equal(close.message, 'Connection Failure', 'a <failure reason=401> at login, not a stream error');
  assert.ok(!retry.updates.some(update => update.connection === 'open'), retry.describe());
  assert.deepEqual(retry.qrCodes, [], 'a login attempt never turns into a new pairing');
});

test('scenario 6: nor from a new process', { timeout: 30_000 }, async () => {
  const retry = new BaileysProcess({ simulator, authDir: device.authDir });
  cleanups.push(() => retry.end());
  const close = await retry.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.loggedOut, retry.describe());
  assert.ok(!retry.updates.some(update => update.connection === 'open'), retry.describe());
});

test("Baileys' own logout() removes the device: 401 Intentional Logout, later logins 401", { timeout: 60_000 }, async () => {
  const linked = await linkNewDevice(simulator, 'logout');
  const session = await connectBaileys({ simulator, authDir: linked.authDir });
  cleanups.push(() => session.end());
  await session.waitForOpen();

  // logout() sends <remove-companion-device> and closes at once, without waiting for the answer.
  await session.sock.logout();
  const close = await session.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.loggedOut, session.describe());
  assert.equal(close.message, 'Intentional Logout');

  const retry = await connectBaileys({ simulator, authDir: linked.authDir });
  cleanups.push(() => retry.end());
  assert.equal((await retry.waitForClose()).statusCode, DisconnectReason.loggedOut, retry.describe());
});
