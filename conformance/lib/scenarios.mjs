// Steps shared by several scenarios: starting a simulator that Baileys trusts, and linking a new
// device the way a user does (QR, phone scan, restart after 515).

import { cp } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DisconnectReason } from 'baileys';
import { connectBaileys, newAuthDir, trustSimulatorRoot } from './baileys-session.mjs';
import { simulatorCommand, startSimulator } from './simulator.mjs';

/**
 * Starts the simulator and makes this process' Baileys trust its root key.
 * @param {{stateFile?: string}} [options] a state file keeps devices (and the root key) across restarts
 */
export async function startTrustedSimulator({ stateFile } = {}) {
  const simulator = await startSimulator({ command: simulatorCommand({ stateFile }) });
  trustSimulatorRoot(simulator.rootKeyHex);
  return simulator;
}

let phoneCounter = 0;

/** A phone number not used before in this test process (one simulator per test file). */
export function nextPhone() {
  phoneCounter += 1;
  return `+1555${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

/**
 * Links a new Baileys device to a new simulated phone and returns once the linked device has
 * logged in once (as after a real scan) and its creds are saved.
 * @returns {Promise<{phone: string, deviceJid: string, authDir: string}>} deviceJid as the simulator names it
 */
export async function linkNewDevice(simulator, label = 'device') {
  const phone = nextPhone();
  await simulator.addPhone(phone);
  const authDir = await newAuthDir(label);
  const pairing = await connectBaileys({ simulator, authDir });
  let deviceJid;
  try {
    const qr = await pairing.waitForQr();
    ({ deviceJid } = await simulator.scan(phone, qr));
    const close = await pairing.waitForClose();
    if (close.statusCode !== DisconnectReason.restartRequired) {
      throw new Error(`pairing ended with ${close.statusCode} instead of 515.\n${pairing.describe()}`);
    }
  } finally {
    await pairing.end();
  }
  const login = await connectBaileys({ simulator, authDir });
  try {
    await login.waitForOpen();
  } finally {
    await login.end();
  }
  return { phone, deviceJid, authDir };
}

/** A copy of an auth folder, so two sockets with the same creds never write the same files. */
export async function copyAuthDir(authDir, label) {
  const copy = await newAuthDir(label);
  await cp(authDir, copy, { recursive: true });
  return copy;
}

/** Polls `read` until `accept` holds for its result; returns the last result either way. */
export async function eventually(read, accept, timeoutMs = 5000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await read();
  }
  return value;
}
