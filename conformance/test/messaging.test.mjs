// Scenario 7: text both ways between a Baileys companion and simulated contacts, whose primary devices run
// wa-fleet's own Signal implementation inside the simulator. Baileys' copies for its own phone
// (DeviceSentMessage) must decrypt there too; what the contact writes while Baileys is offline is queued and
// delivered at its next login; after Baileys restarts from its saved creds the sessions go on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { eventually, linkNewDevice, nextPhone, startTrustedSimulator } from '../lib/scenarios.mjs';

const ROUNDS = 5;

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

/** Opens Baileys on `authDir` and records the texts of every `messages.upsert` it emits. */
async function openBaileys(authDir) {
  const session = await connectBaileys({ simulator, authDir });
  cleanups.push(() => session.end());
  const texts = [];
  session.sock.ev.on('messages.upsert', ({ messages }) => {
    for (const message of messages) {
      const text = message.message?.conversation ?? message.message?.extendedTextMessage?.text;
      if (text !== undefined && !message.key.fromMe) {
        texts.push({ text, remoteJid: message.key.remoteJid, pushName: message.pushName });
      }
    }
  });
  await session.waitForOpen();
  return { session, texts };
}

async function awaitTexts(read, expected, description, timeoutMs = 15_000) {
  const found = await eventually(read, list => expected.every(text => list.some(m => m.text === text)), timeoutMs);
  const missing = expected.filter(text => !found.some(m => m.text === text));
  assert.deepEqual(missing, [], `${description}: missing texts; got ${JSON.stringify(found.map(m => m.text))}`);
  return found;
}

/** Baileys sends `count` texts to the contact; returns the texts after the contact decrypted them all. */
async function baileysToContact(session, contact, label, count) {
  const texts = Array.from({ length: count }, (_, i) => `${label} baileys->contact ${i + 1}`);
  for (const text of texts) {
    await session.sock.sendMessage(contact.jid, { text });
  }
  const received = await awaitTexts(() => simulator.contactMessages(contact.phone), texts, 'contact');
  return received.filter(m => texts.includes(m.text));
}

/**
 * The contact sends `count` texts to Baileys; returns once Baileys emitted them all and its delivery receipts
 * reached the contact (until then the simulator would deliver them again after a reconnect, as WhatsApp does).
 */
async function contactToBaileys(contact, baileys, toJid, label, count) {
  const texts = Array.from({ length: count }, (_, i) => `${label} contact->baileys ${i + 1}`);
  const ids = [];
  for (const text of texts) {
    ids.push((await simulator.sendFromContact(contact.phone, toJid, text)).id);
  }
  await awaitTexts(() => baileys.texts, texts, 'Baileys messages.upsert');
  const receipts = await eventually(
    () => simulator.contactReceipts(contact.phone),
    list => ids.every(id => list.some(receipt => receipt.id === id))
  );
  assert.ok(ids.every(id => receipts.some(receipt => receipt.id === id)), `receipts for ${ids}: ${JSON.stringify(receipts)}`);
  return texts;
}

test('scenario 7: texts both ways with a simulated contact, pkmsg then msg, also after a restart', { timeout: 150_000 }, async () => {
  const { phone, deviceJid, authDir } = await linkNewDevice(simulator, 'messaging');
  const ownUser = `${phone.slice(1)}@s.whatsapp.net`;
  const contact = await simulator.addContact(nextPhone());
  let first = await openBaileys(authDir);

  // Baileys writes first: pkmsg to the contact (and to its own phone) until the contact answers.
  const opening = await baileysToContact(first.session, contact, 'first', ROUNDS);
  assert.ok(opening.every(m => m.from === deviceJid && m.chat === ownUser && !m.fromOwnDevice), JSON.stringify(opening));
  assert.equal(opening[0].encryption, 'pkmsg');

  // The contact answers on the session Baileys started (msg), Baileys decrypts.
  await contactToBaileys(contact, first, ownUser, 'first', ROUNDS);
  assert.ok(first.texts.every(m => m.pushName === contact.pushName), JSON.stringify(first.texts));

  // Now Baileys has seen an answer: its next texts are plain msg.
  const steady = await baileysToContact(first.session, contact, 'steady', ROUNDS);
  assert.deepEqual([...new Set(steady.map(m => m.encryption))], ['msg'], JSON.stringify(steady));

  // The phone decrypted every DeviceSentMessage copy Baileys made of what it sent.
  // (It also received the contact's texts: they go to every device of the account, the phone included.)
  const sentByBaileys = [...opening, ...steady].map(m => m.text);
  const phoneMessages = await awaitTexts(() => simulator.contactMessages(phone), sentByBaileys, 'own phone (DeviceSentMessage copies)');
  const phoneCopies = phoneMessages.filter(m => sentByBaileys.includes(m.text));
  assert.ok(phoneCopies.every(m => m.fromOwnDevice && m.chat === contact.jid && m.from === deviceJid), JSON.stringify(phoneCopies));

  // A second contact writes first: a pkmsg built on a one-time pre-key Baileys uploaded.
  const stranger = await simulator.addContact(nextPhone());
  await contactToBaileys(stranger, first, ownUser, 'stranger', 2);
  await baileysToContact(first.session, stranger, 'stranger', 2);

  // Baileys restarts from its saved creds and sessions. The contact's next texts use the session Baileys
  // restored. Baileys' own first send re-keys: with an empty device cache it re-runs usync, and every usync
  // answer carrying LIDs makes rc14 fetch new bundles with reason='identity' and start new sessions (pkmsg).
  // Once the contact answers on those, Baileys is back to msg.
  // While Baileys is offline the contact keeps writing: the simulator queues, and delivers at the next login.
  await first.session.end();
  const offline = await eventually(() => simulator.device(deviceJid), device => device?.connected === false);
  assert.equal(offline?.connected, false, JSON.stringify(offline));
  const queuedTexts = ['queued 1', 'queued 2', 'queued 3'];
  for (const text of queuedTexts) {
    await simulator.sendFromContact(contact.phone, ownUser, text);
  }
  assert.equal((await simulator.stats()).messagesQueued, queuedTexts.length);
  const second = await openBaileys(authDir);
  await awaitTexts(() => second.texts, queuedTexts, 'Baileys messages.upsert of queued texts');
  assert.equal((await simulator.stats()).offlineMessagesDelivered, queuedTexts.length);
  await contactToBaileys(contact, second, ownUser, 'restarted', ROUNDS);
  const rekeyed = await baileysToContact(second.session, contact, 'restarted', ROUNDS);
  assert.equal(rekeyed[0].encryption, 'pkmsg', JSON.stringify(rekeyed));
  await contactToBaileys(contact, second, ownUser, 'answer', ROUNDS);
  const afterRestart = await baileysToContact(second.session, contact, 'after-answer', ROUNDS);
  assert.deepEqual([...new Set(afterRestart.map(m => m.encryption))], ['msg'], JSON.stringify(afterRestart));

  const stats = await simulator.stats();
  assert.equal(stats.retryReceipts, 0, `no retry receipts in the steady state: ${JSON.stringify(stats)}`);
  assert.equal(stats.decryptFailures, 0, JSON.stringify(stats));
  assert.equal(stats.messagesRejected, 0, JSON.stringify(stats));
  const receipts = await simulator.contactReceipts(contact.phone);
  assert.ok(receipts.length >= 2 * ROUNDS, `Baileys sent delivery receipts: ${JSON.stringify(receipts)}`);
  const toContacts = (await simulator.contactMessages(contact.phone)).length + (await simulator.contactMessages(stranger.phone)).length;
  const phoneCopiesTotal = (await simulator.contactMessages(phone)).filter(m => m.fromOwnDevice).length;
  const toBaileys = first.texts.length + second.texts.length;
  process.stdout.write(`# messages: Baileys->contacts ${toContacts} decrypted (+${phoneCopiesTotal} DSM copies decrypted by its phone), ` +
    `contacts->Baileys ${toBaileys} upserted; stats ${JSON.stringify(stats)}\n`);
  assert.deepEqual(second.session.problems(), [], second.session.describe());
  await second.session.end();
});
