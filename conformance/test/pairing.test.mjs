// Scenarios 1 and 2: linking a new device by QR, then logging in again from a new process.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DisconnectReason } from 'baileys';
import { BaileysProcess } from '../lib/baileys-process.mjs';
import { connectBaileys, newAuthDir } from '../lib/baileys-session.mjs';
import { eventually, linkNewDevice, nextPhone, startTrustedSimulator } from '../lib/scenarios.mjs';
import { xeddsaVerify } from '../lib/xeddsa.mjs';

const ADV_ACCOUNT_SIGNATURE_PREFIX = Buffer.from([6, 0]);

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

test('the simulator announces a 32-byte root key', () => {
  assert.equal(Buffer.from(simulator.rootKeyHex, 'hex').length, 32, `root=${simulator.rootKeyHex}`);
});

test('scenario 1: fresh creds -> QR -> scan -> 515 restartRequired -> new socket opens', { timeout: 60_000 }, async () => {
  const phone = nextPhone();
  await simulator.addPhone(phone);
  const authDir = await newAuthDir('pairing');

  const pairing = await connectBaileys({ simulator, authDir });
  cleanups.push(() => pairing.end());
  const qr = await pairing.waitForQr();
  assert.match(qr, /^https:\/\/wa\.me\/settings\/linked_devices#2@/, 'Baileys builds its QR from the first ref');

  const { deviceJid } = await simulator.scan(phone, qr);
  const close = await pairing.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.restartRequired, pairing.describe());
  assert.equal(close.message, 'Stream Errored (restart required)');
  assert.ok(pairing.updates.some(update => update.isNewLogin), `isNewLogin expected.\n${pairing.describe()}`);
  assert.ok(!pairing.updates.some(update => update.connection === 'open'), 'the pairing socket itself never opens');
  assert.deepEqual(pairing.problems([/^stream errored out$/]), [], pairing.describe());
  await pairing.end();

  assert.equal(pairing.creds.me?.id, deviceJid, 'Baileys saved the device JID the simulator reports');
  assert.ok(pairing.creds.me?.lid, `Baileys saved a LID from <device lid>: ${JSON.stringify(pairing.creds.me)}`);
  // Baileys does not verify the phone's account signature (protocol.md §0); the harness does.
  const { account, signedIdentityKey } = pairing.creds;
  const accountMessage = Buffer.concat([ADV_ACCOUNT_SIGNATURE_PREFIX, account.details, signedIdentityKey.public]);
  assert.equal(
    xeddsaVerify(account.accountSignatureKey, accountMessage, account.accountSignature),
    true,
    'the account signature in pair-success is valid for the phone identity key it names'
  );

  // What a Baileys app does on 515: a new socket with the saved creds.
  const login = await connectBaileys({ simulator, authDir });
  cleanups.push(() => login.end());
  await login.waitForOpen();
  assert.deepEqual(login.qrCodes, [], 'no QR once linked');
  assert.deepEqual(login.problems(), [], login.describe());

  const device = await eventually(
    () => simulator.device(deviceJid),
    d => d?.connected === true
  );
  assert.equal(device?.connected, true, `GET /devices: ${JSON.stringify(await simulator.devices())}`);
  assert.equal(device.liveConnections, 1);
  assert.equal(device.phone, phone);

  const stats = await simulator.stats();
  assert.ok(stats.handshakes >= 2, `two handshakes (pairing, login): ${JSON.stringify(stats)}`);
  assert.ok(stats.logins >= 1, `one login: ${JSON.stringify(stats)}`);
  assert.ok(stats.qrIssued >= 1, `a QR was issued: ${JSON.stringify(stats)}`);
  await login.end();
});

test('scenario 2: a new Node process with the saved creds logs in without a QR', { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'new-process');

  const restarted = new BaileysProcess({ simulator, authDir });
  cleanups.push(() => restarted.end());
  await restarted.waitForOpen();
  assert.ok(!restarted.updates.some(update => update.hasQr), `no QR expected.\n${restarted.describe()}`);
  // Let the queries Baileys fires at 'open' (props, blocklist, privacy) age past the report's 2 s grace.
  await sleep(2500);
  const report = await restarted.report();
  assert.deepEqual(report.problems, [], restarted.describe());
  assert.deepEqual(report.unansweredIqs, [], 'every IQ older than 2 s was answered');

  const device = await eventually(
    () => simulator.device(deviceJid),
    d => d?.connected === true
  );
  assert.equal(device?.connected, true, `GET /devices: ${JSON.stringify(await simulator.devices())}`);
  await restarted.end();
});
