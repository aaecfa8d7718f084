// Scenario 5: a second socket with the same creds takes over; the first is told 440
// (connectionReplaced) and the second stays connected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DisconnectReason } from 'baileys';
import { BaileysProcess } from '../lib/baileys-process.mjs';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { copyAuthDir, eventually, linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

let simulator;
const cleanups = [];

before(async () => {
  simulator = await startTrustedSimulator();
});

after(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
  await simulator?.stop();
});

async function firstSocket(authDir) {
  const first = await connectBaileys({ simulator, authDir });
  cleanups.push(() => first.end());
  await first.waitForOpen();
  return first;
}

async function assertOnlyTheNewcomerIsConnected(first, deviceJid) {
  const close = await first.waitForClose();
  assert.equal(
    close.statusCode,
    DisconnectReason.connectionReplaced,
    `the first socket must be told 440, got ${close.statusCode} (${close.reason}).\n${first.describe()}`
  );
  const device = await eventually(
    () => simulator.device(deviceJid),
    d => d?.liveConnections === 1
  );
  assert.equal(device?.liveConnections, 1, `GET /devices: ${JSON.stringify(device)}`);
  assert.equal(device.connected, true);
}

test('scenario 5: a second socket in the same process -> the first receives 440', { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'conflict-socket');
  const first = await firstSocket(authDir);

  const second = await connectBaileys({ simulator, authDir: await copyAuthDir(authDir, 'conflict-socket-2') });
  cleanups.push(() => second.end());
  await second.waitForOpen();

  await assertOnlyTheNewcomerIsConnected(first, deviceJid);
  await sleep(1000);
  assert.equal(second.closed, false, `the newcomer keeps its connection.\n${second.describe()}`);
});

test('scenario 5: a second process with the same creds -> the first receives 440', { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'conflict-process');
  const first = await firstSocket(authDir);

  const second = new BaileysProcess({ simulator, authDir: await copyAuthDir(authDir, 'conflict-process-2') });
  cleanups.push(() => second.end());
  await second.waitForOpen();

  await assertOnlyTheNewcomerIsConnected(first, deviceJid);
  await sleep(1000);
  assert.equal(second.closed, false, `the newcomer keeps its connection.\n${second.describe()}`);
});
