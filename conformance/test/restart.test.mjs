// The standalone simulator with --state-file: linked devices and the root key survive a restart
// (SIGTERM) and a crash (SIGKILL), so Baileys logs in again without a QR.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { connectBaileys, newAuthDir, trustSimulatorRoot } from '../lib/baileys-session.mjs';
import { linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

const running = new Set();
const sessions = [];

after(async () => {
  for (const session of sessions) {
    await session.end();
  }
  for (const simulator of running) {
    await simulator.stop();
  }
});

async function start(stateFile) {
  const simulator = await startTrustedSimulator({ stateFile });
  running.add(simulator);
  return simulator;
}

for (const [how, stop] of [
  ['a restart (SIGTERM)', simulator => simulator.stop()],
  ['a crash (SIGKILL)', simulator => simulator.kill()]
]) {
  test(`a linked device logs in without a QR after ${how} of the simulator`, { timeout: 90_000 }, async () => {
    const stateFile = path.join(await newAuthDir('simulator-state'), 'state.json');
    const first = await start(stateFile);
    const { authDir, deviceJid } = await linkNewDevice(first, 'restart');
    await stop(first);
    running.delete(first);

    const second = await start(stateFile);
    assert.equal(second.rootKeyHex, first.rootKeyHex, 'the root key is part of the state');
    trustSimulatorRoot(second.rootKeyHex);
    assert.ok(
      (await second.devices()).some(device => device.jid === deviceJid),
      `the device is still known: ${JSON.stringify(await second.devices())}`
    );

    const session = await connectBaileys({ simulator: second, authDir });
    sessions.push(session);
    await session.waitForOpen();
    assert.deepEqual(session.qrCodes, [], 'no QR after the restart');
    assert.deepEqual(session.problems(), [], session.describe());
  });
}
