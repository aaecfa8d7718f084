// Bans (POST /devices/{jid}/ban): what a banned account sees in Baileys, shaped as whatsmeow reads
// it (temporary: <failure reason='402' code expire>, permanent: <failure reason='406'>), and that
// a temporary ban lifts. Baileys has no DisconnectReason name for 402 or 406; the fleet maps them
// to its BANNED state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

const TEMPORARY_BAN = 402;
const PERMANENT_BAN = 406;
const BAN_SECONDS = 3;

let simulator;
const sessions = [];

before(async () => {
  simulator = await startTrustedSimulator();
});

after(async () => {
  for (const session of sessions) {
    await session.end();
  }
  await simulator?.stop();
});

async function connect(authDir) {
  const session = await connectBaileys({ simulator, authDir });
  sessions.push(session);
  return session;
}

test('a temporary ban closes the connection with 402 and an expiry, refuses logins, then lifts', { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'temporary-ban');
  const connected = await connect(authDir);
  await connected.waitForOpen();

  await simulator.ban(deviceJid, BAN_SECONDS);
  const close = await connected.waitForClose();
  assert.equal(close.statusCode, TEMPORARY_BAN, connected.describe());
  assert.ok(close.failure?.code, `a ban code: ${JSON.stringify(close.failure)}`);
  const expire = Number(close.failure?.expire);
  assert.ok(expire > 0 && expire <= BAN_SECONDS, `expire in seconds, at most ${BAN_SECONDS}: ${JSON.stringify(close.failure)}`);

  const whileBanned = await connect(authDir);
  assert.equal((await whileBanned.waitForClose()).statusCode, TEMPORARY_BAN, whileBanned.describe());

  await sleep(BAN_SECONDS * 1000 + 500);
  const afterwards = await connect(authDir);
  await afterwards.waitForOpen();
});

test('a permanent ban closes the connection with 406 and refuses every login', { timeout: 60_000 }, async () => {
  const { authDir, deviceJid } = await linkNewDevice(simulator, 'permanent-ban');
  const connected = await connect(authDir);
  await connected.waitForOpen();

  await simulator.ban(deviceJid);
  assert.equal((await connected.waitForClose()).statusCode, PERMANENT_BAN, connected.describe());

  const retry = await connect(authDir);
  const close = await retry.waitForClose();
  assert.equal(close.statusCode, PERMANENT_BAN, retry.describe());
  assert.ok(!retry.updates.some(update => update.connection === 'open'), retry.describe());
});
