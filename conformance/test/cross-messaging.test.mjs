// Issue 6, proof 2: Baileys (companion of simulated phone A) and wa-fleet's own client (companion of phone B, in
// its own JVM, lib/wafleet-peer.mjs) write to each other through the simulator: 100 texts each way, then both
// restart from what they stored and write 20 more each way. Every text must be decrypted once, with its text, on
// the other side, and nobody may ask for a retry. Each message also goes to the receiver's phone (the simulator's
// own Signal peer) and, as a DeviceSentMessage copy, to the sender's phone; those must decrypt too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { connectBaileys, newAuthDir } from '../lib/baileys-session.mjs';
import { eventually, linkNewDevice, nextPhone, startTrustedSimulator } from '../lib/scenarios.mjs';
import { WaFleetPeer } from '../lib/wafleet-peer.mjs';

const BATCH = 100;
const AFTER_RESTART = 20;
const DELIVERY_TIMEOUT_MS = 30_000;

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

const userOf = jid => jid.split('@')[0].split(':')[0].split('_')[0];

/** A message id in WhatsApp Web's shape, fixed by the harness so it can follow each text. */
const newMessageId = () => `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;

/**
 * Opens Baileys on `authDir`; records every text it upserts (not its own) and the ids of the delivery receipts
 * it receives, read from the frames because Baileys turns an `inactive` receipt into no status update.
 */
async function openBaileys(authDir) {
  const session = await connectBaileys({ simulator, authDir });
  cleanups.push(() => session.end());
  const texts = [];
  const receiptIds = [];
  session.sock.ev.on('messages.upsert', ({ messages }) => {
    for (const message of messages) {
      const text = message.message?.conversation ?? message.message?.extendedTextMessage?.text;
      if (text !== undefined && !message.key.fromMe) {
        texts.push({ text, id: message.key.id, remoteJid: message.key.remoteJid });
      }
    }
  });
  session.sock.ws.on('frame', frame => {
    if (frame?.tag === 'receipt') {
      receiptIds.push({ id: frame.attrs.id, from: frame.attrs.from, type: frame.attrs.type });
    }
  });
  await session.waitForOpen();
  return { session, texts, receiptIds };
}

/** Starts a peer process on `storeDir`; with `phone`, links it first (QR → scan). */
async function openPeer(storeDir, phone) {
  const peer = new WaFleetPeer();
  cleanups.push(() => peer.stop());
  peer.start({ storeDir, simulator });
  if (phone !== undefined) {
    const qr = await peer.waitForQr();
    await simulator.scan(phone, qr);
  }
  await peer.waitForConnected();
  return peer;
}

/** How often each expected text occurs in `received` (texts); the assertion message lists what is off. */
function assertEachOnce(received, expected, side) {
  const counts = new Map(expected.map(text => [text, 0]));
  for (const text of received) {
    if (counts.has(text)) {
      counts.set(text, counts.get(text) + 1);
    }
  }
  const wrong = [...counts].filter(([, count]) => count !== 1);
  assert.deepEqual(wrong, [], `${side}: texts not received exactly once ([text, times])`);
}

/**
 * One round in two bursts: Baileys sends `count` texts, one after the other, and the round waits until the peer
 * handed over all of them and Baileys has the peer's delivery receipts; then the peer does the same the other
 * way. (Without the receipts the simulator would rightly deliver a copy again after a restart.)
 *
 * Why bursts and not both directions at once: Baileys rc14 keeps a send's session writes in a transaction of its
 * own until the send ends, so a text decrypted meanwhile and the send overwrite each other's ratchet state
 * (a reused message key, then BAD_MAC, retries, lost texts; conformance/README.md, "Sending while receiving").
 */
async function exchange({ baileys, peer, userA, userB, usersOfA, usersOfB }, label, count) {
  const fromBaileys = Array.from({ length: count }, (_, i) => `${label} baileys->wa-fleet #${i + 1} ${randomBytes(4).toString('hex')}`);
  const fromPeer = Array.from({ length: count }, (_, i) => ({
    id: newMessageId(),
    text: `${label} wa-fleet->baileys #${i + 1} ${randomBytes(4).toString('hex')}`
  }));
  const startedAt = Date.now();

  const baileysIds = [];
  for (const text of fromBaileys) {
    baileysIds.push((await baileys.session.sock.sendMessage(userB, { text })).key.id);
  }
  const peerGot = await eventually(() => peer.messages, list => fromBaileys.every(t => list.some(m => m.text === t)), DELIVERY_TIMEOUT_MS);
  // The peer's receipts are 'inactive' (it never announces presence); phone B's own are typeless and do not count.
  await eventually(() => baileys.receiptIds, list => baileysIds.every(id => list.some(r => r.type === 'inactive' && r.id === id)), DELIVERY_TIMEOUT_MS);

  for (const { id, text } of fromPeer) {
    await peer.send(userA, text, id);
  }
  const baileysGot = await eventually(() => baileys.texts, list => fromPeer.every(m => list.some(r => r.text === m.text)), DELIVERY_TIMEOUT_MS);
  // Baileys' receipts are 'inactive' too (no push name, so it never sends presence 'available').
  const peerIds = fromPeer.map(m => m.id);
  await eventually(() => peer.receipts, list => peerIds.every(id => list.some(r => r.type === 'inactive' && r.ids.includes(id))), DELIVERY_TIMEOUT_MS);
  const elapsedMs = Date.now() - startedAt;

  const peerTexts = peerGot.filter(m => fromBaileys.includes(m.text));
  assertEachOnce(peerTexts.map(m => m.text), fromBaileys, `wa-fleet peer, ${label}; stats ${JSON.stringify(await simulator.stats())}\n${peer.describe()}`);
  assert.ok(peerTexts.every(m => usersOfA.includes(userOf(m.from))), `senders seen by the peer: ${[...new Set(peerTexts.map(m => m.from))]}`);
  assert.deepEqual(peerTexts.map(m => m.id).sort(), [...baileysIds].sort(), 'the peer saw Baileys\' message ids');
  const baileysTexts = baileysGot.filter(m => fromPeer.some(p => p.text === m.text));
  assertEachOnce(baileysTexts.map(m => m.text), fromPeer.map(m => m.text), `Baileys, ${label}; stats ${JSON.stringify(await simulator.stats())}`);
  assert.ok(baileysTexts.every(m => usersOfB.includes(userOf(m.remoteJid))), `chats seen by Baileys: ${[...new Set(baileysTexts.map(m => m.remoteJid))]}`);
  assert.deepEqual(baileysTexts.map(m => m.id).sort(), [...peerIds].sort(), 'Baileys saw the peer\'s message ids');
  const peerReceipts = peer.receipts.filter(r => r.type === 'inactive' && r.ids.some(id => peerIds.includes(id)));
  assert.ok(peerReceipts.every(r => usersOfA.includes(userOf(r.from))), JSON.stringify(peerReceipts.slice(0, 3)));
  return { toPeer: peerTexts.length, toBaileys: baileysTexts.length, fromBaileys, fromPeer: fromPeer.map(m => m.text), elapsedMs };
}

test('issue 6 proof 2: Baileys <-> wa-fleet, 100 texts each way, then 20 each way after both restart', { timeout: 240_000 }, async () => {
  const started = Date.now();
  // Phone A: a Baileys companion, linked as scenario 1 does.
  const a = await linkNewDevice(simulator, 'xmsg-baileys');
  // Phone B: wa-fleet's client, linked by the phone scanning the peer's QR.
  const phoneB = nextPhone();
  await simulator.addPhone(phoneB);
  const storeDir = await newAuthDir('xmsg-wafleet');
  let peer = await openPeer(storeDir, phoneB);
  let baileys = await openBaileys(a.authDir);

  const userA = `${a.phone.slice(1)}@s.whatsapp.net`;
  const userB = `${phoneB.slice(1)}@s.whatsapp.net`;
  const devices = await simulator.devices();
  const lidOf = phone => devices.find(d => d.phone === phone)?.lid;
  const usersOfA = [userOf(userA), ...(lidOf(a.phone) ? [userOf(lidOf(a.phone))] : [])];
  const usersOfB = [userOf(userB), ...(lidOf(phoneB) ? [userOf(lidOf(phoneB))] : [])];
  const setUp = Date.now() - started;

  const first = await exchange({ baileys, peer, userA, userB, usersOfA, usersOfB }, 'first', BATCH);
  const statsBeforeRestart = await simulator.stats();

  // Both restart from their stored state: Baileys a new socket on its saved multi-file auth folder, wa-fleet a
  // new JVM on the same FileAuthStore directory. Neither shows a QR again.
  await baileys.session.end();
  assert.equal(await peer.stop(), 0, `the peer exits 0 on stop.\n${peer.describe()}`);
  const peerBefore = peer;
  peer = await openPeer(storeDir);
  baileys = await openBaileys(a.authDir);
  assert.ok(!peer.events.some(e => e.event === 'qr'), 'the restarted peer logs in without a QR');
  assert.ok(!baileys.session.updates.some(u => u.qr), 'the restarted Baileys logs in without a QR');

  const second = await exchange({ baileys, peer, userA, userB, usersOfA, usersOfB }, 'restarted', AFTER_RESTART);

  // Each side's phone decrypted its share: B's phone what Baileys sent (and the peer's DSM copies), A's phone
  // what the peer sent (and Baileys' copies).
  const allFromBaileys = [...first.fromBaileys, ...second.fromBaileys];
  const allFromPeer = [...first.fromPeer, ...second.fromPeer];
  const atPhoneB = await eventually(() => simulator.contactMessages(phoneB), list => allFromBaileys.every(t => list.some(m => m.text === t)) && allFromPeer.every(t => list.some(m => m.text === t)), DELIVERY_TIMEOUT_MS);
  const atPhoneA = await eventually(() => simulator.contactMessages(a.phone), list => allFromPeer.every(t => list.some(m => m.text === t)) && allFromBaileys.every(t => list.some(m => m.text === t)), DELIVERY_TIMEOUT_MS);
  assertEachOnce(atPhoneB.filter(m => !m.fromOwnDevice).map(m => m.text), allFromBaileys, 'phone B (Baileys\' texts)');
  assertEachOnce(atPhoneB.filter(m => m.fromOwnDevice).map(m => m.text), allFromPeer, 'phone B (DSM copies of the peer\'s texts)');
  assertEachOnce(atPhoneA.filter(m => !m.fromOwnDevice).map(m => m.text), allFromPeer, 'phone A (the peer\'s texts)');
  assertEachOnce(atPhoneA.filter(m => m.fromOwnDevice).map(m => m.text), allFromBaileys, 'phone A (DSM copies of Baileys\' texts)');

  const stats = await simulator.stats();
  assert.equal(stats.retryReceipts, 0, `no retry receipts: ${JSON.stringify(stats)}`);
  assert.equal(stats.decryptFailures, 0, JSON.stringify(stats));
  assert.equal(stats.messagesRejected, 0, JSON.stringify(stats));
  assert.equal(stats.messagesUndeliverable, 0, JSON.stringify(stats));
  assert.deepEqual([...peerBefore.errors, ...peer.errors], [], `peer errors.\n${peer.describe()}`);
  assert.deepEqual(baileys.session.problems(), [], baileys.session.describe());
  assert.equal(await peer.stop(), 0, peer.describe());
  await baileys.session.end();

  process.stdout.write(
    `# cross-messaging: before restart Baileys->wa-fleet ${first.toPeer}/${BATCH}, wa-fleet->Baileys ${first.toBaileys}/${BATCH} ` +
      `(${first.elapsedMs} ms); after restart Baileys->wa-fleet ${second.toPeer}/${AFTER_RESTART}, ` +
      `wa-fleet->Baileys ${second.toBaileys}/${AFTER_RESTART} (${second.elapsedMs} ms); ` +
      `phone A decrypted ${atPhoneA.length}, phone B ${atPhoneB.length}; retryReceipts ${stats.retryReceipts}, ` +
      `decryptFailures ${stats.decryptFailures}; set-up ${setUp} ms, total ${Date.now() - started} ms; ` +
      `stats before restart ${JSON.stringify(statsBeforeRestart)}, at the end ${JSON.stringify(stats)}\n`
  );
});
