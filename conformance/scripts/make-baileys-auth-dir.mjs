#!/usr/bin/env node
// Produces a REAL Baileys multi-file auth state directory (useMultiFileAuthState) for the import
// tests of wa-fleet (io.wafleet.protocol.migration): Baileys pairs with the standalone simulator,
// logs in once, and then exchanges Signal messages with a simulated contact, so that every file
// type a long-running Baileys service keeps is written by Baileys itself. Not a test.
//
//   node scripts/make-baileys-auth-dir.mjs --baileys rc14|rc9 --out DIR [--state-file FILE] [--phone +1555...]
//
// --baileys rc14  the conformance harness' own baileys@7.0.0-rc14 (../node_modules)
// --baileys rc9   @whiskeysockets/baileys@7.0.0-rc.9 from ../baileys-rc9 (npm ci --ignore-scripts there first)
// --out           the auth folder to create; it must not exist yet
// --state-file    the simulator's state file (root key, phones, linked devices); written by the simulator,
//                 so an embedded WaSimulator started from it knows the linked device and its noise key
//
// What it does, and which files each step makes Baileys write:
//  1. fresh creds -> QR -> the simulator's phone scans -> 515 -> a new socket logs in without a QR:
//     creds.json, pre-key-*.json, and after login lid-mapping-*.json and device-list-*.json (own user).
//  2. a contact (a second Baileys signal repository, on <out>.contact) builds a session from a bundle of our
//     keys and sends a pkmsg; our socket's repository decrypts it (session-*.json, identity-key-*.json
//     in rc14, the one-time pre-key file is deleted) and replies with a msg. The contact then starts
//     a second session from another pre-key (our record keeps the first one as an archived state),
//     we decrypt and reply again.
//  3. group sender keys both ways (sender-key-*.json), an app-state sync key share as the socket
//     stores it (app-state-sync-key-*.json, creds.myAppStateKeyId), an app-state version
//     (app-state-sync-version-*.json, Baileys' LTHashState) and, in rc14, a tctoken.
//  4. the contact encrypts one more message that is NOT delivered: it goes to <out>.next-message.json
//     (beside the folder, not in it) with its plaintext, so a test can prove that the adopted session
//     decrypts the conversation's next message. <out>.device.json names the device, phone and contact;
//     <out>.contact/ is the contact's own Baileys folder (creds and its session with our device), so a
//     test can check that our reply on the adopted session decrypts on the contact's side.
// The folder holds only simulator and generated keys: no real account, no real secret.

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatorCommand, startSimulator } from '../lib/simulator.mjs';

// libsignal-node prints whole session records (private ratchet keys included) with console.info/warn
// when it opens or closes a session; they are no one's business on a terminal or in a CI log.
console.info = () => {};
console.warn = () => {};

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGES = {
  rc14: path.resolve(HERE, '../node_modules/baileys'),
  rc9: path.resolve(HERE, '../baileys-rc9/node_modules/@whiskeysockets/baileys')
};
const CONTACT_JID = '15550009999@s.whatsapp.net';
const GROUP_JID = '120363000000000001@g.us';

const { values: args } = parseArgs({
  options: {
    baileys: { type: 'string' },
    out: { type: 'string' },
    'state-file': { type: 'string' },
    phone: { type: 'string', default: '+15550001001' }
  }
});
if (!PACKAGES[args.baileys] || !args.out) {
  console.error('usage: make-baileys-auth-dir.mjs --baileys rc14|rc9 --out DIR [--state-file FILE] [--phone +1555...]');
  process.exit(2);
}
const outDir = path.resolve(args.out);
if (existsSync(outDir)) {
  console.error(`${outDir} exists already; the script only writes fresh folders`);
  process.exit(2);
}
const packageDir = PACKAGES[args.baileys];
if (!existsSync(packageDir)) {
  console.error(`${packageDir} is missing: run npm ci --ignore-scripts in its npm project first`);
  process.exit(2);
}
const load = relative => import(pathToFileURL(path.join(packageDir, relative)).href);
const baileys = await load('lib/index.js');
const { makeLibSignalRepository } = await load('lib/Signal/libsignal.js');
const {
  default: makeWASocket,
  Browsers,
  WA_CERT_DETAILS,
  DisconnectReason,
  useMultiFileAuthState,
  encodeWAMessage,
  newLTHashState,
  proto
} = baileys;

const silentLogger = {
  level: 'silent',
  child: () => silentLogger,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {}
};

/** Opens a socket on outDir; resolves when `until` (a connection.update predicate) holds. */
async function socketUntil(simulator, until, onQr) {
  const { state, saveCreds } = await useMultiFileAuthState(outDir);
  let saving = Promise.resolve();
  const sock = makeWASocket({
    waWebSocketUrl: simulator.wsUrl,
    auth: state,
    logger: silentLogger,
    browser: Browsers.macOS('Chrome'),
    connectTimeoutMs: 10_000,
    markOnlineOnConnect: false
  });
  sock.ev.on('creds.update', () => {
    saving = saving.then(saveCreds);
  });
  const update = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no expected connection.update within 30 s')), 30_000);
    sock.ev.on('connection.update', u => {
      if (u.qr) {
        onQr?.(u.qr);
      }
      if (until(u)) {
        clearTimeout(timer);
        resolve(u);
      } else if (u.connection === 'close') {
        clearTimeout(timer);
        reject(new Error(`closed with ${u.lastDisconnect?.error?.output?.statusCode}: ${u.lastDisconnect?.error?.message}`));
      }
    });
  });
  return { sock, state, update, saved: () => saving, saveCreds };
}

/**
 * The contact: a second Baileys signal repository on its own multi-file folder (<out>.contact), so its
 * side of the conversation is kept too and a test can decrypt our replies as the contact would.
 */
async function contactRepository() {
  const { state, saveCreds } = await useMultiFileAuthState(`${outDir}.contact`);
  await saveCreds();
  const keys = { ...state.keys, transaction: work => work(), isInTransaction: () => false };
  return makeLibSignalRepository({ creds: state.creds, keys }, silentLogger);
}

/** The pre-key bundle the server would hand the contact for our device, from our own stored keys. */
async function ourBundle(state, preKeyId) {
  const { [preKeyId]: preKey } = await state.keys.get('pre-key', [String(preKeyId)]);
  if (!preKey) throw new Error(`pre-key ${preKeyId} is not in the folder`);
  const withPrefix = key => Buffer.concat([Buffer.from([5]), Buffer.from(key)]);
  return {
    registrationId: state.creds.registrationId,
    identityKey: withPrefix(state.creds.signedIdentityKey.public),
    signedPreKey: {
      keyId: state.creds.signedPreKey.keyId,
      publicKey: withPrefix(state.creds.signedPreKey.keyPair.public),
      signature: state.creds.signedPreKey.signature
    },
    preKey: { keyId: preKeyId, publicKey: withPrefix(preKey.public) }
  };
}

const text = t => encodeWAMessage({ conversation: t });

const simulator = await startSimulator({ command: simulatorCommand({ stateFile: args['state-file'] }) });
WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(simulator.rootKeyHex, 'hex');
try {
  await simulator.addPhone(args.phone);

  // 1. pairing and a first login, as a user does it
  let scanned;
  const pairing = await socketUntil(simulator, u => u.connection === 'close', qr => {
    scanned ??= simulator.scan(args.phone, qr);
  });
  const { deviceJid } = await scanned;
  const code = pairing.update.lastDisconnect?.error?.output?.statusCode;
  if (code !== DisconnectReason.restartRequired) throw new Error(`pairing closed with ${code}, not 515`);
  await pairing.saved();
  const login = await socketUntil(simulator, u => u.connection === 'open');
  await sleep(1500); // the own LID mapping and device list are written on the next tick after open
  const { sock, state } = login;
  const repository = sock.signalRepository;
  const meId = state.creds.me.id;

  // 2. a contact talks to us: pkmsg, our reply, a second session, our reply
  const contact = await contactRepository();
  const firstPreKey = 1; // uploaded at pairing, as the server would hand it out first
  await contact.injectE2ESession({ jid: meId, session: await ourBundle(state, firstPreKey) });
  const exchange = async (label, fromContact, reply) => {
    const sent = await contact.encryptMessage({ jid: meId, data: text(fromContact) });
    await repository.decryptMessage({ jid: CONTACT_JID, type: sent.type, ciphertext: sent.ciphertext });
    const answer = await repository.encryptMessage({ jid: CONTACT_JID, data: text(reply) });
    await contact.decryptMessage({ jid: meId, type: answer.type, ciphertext: answer.ciphertext });
    console.error(`${label}: contact sent ${sent.type}, we replied ${answer.type}`);
  };
  await exchange('session 1', 'hello from the contact', 'hello back');
  await contact.injectE2ESession({ jid: meId, session: await ourBundle(state, firstPreKey + 1) });
  await exchange('session 2', 'the contact reinstalled', 'welcome back');

  // 3. groups, app state and the other key types, stored the way the socket stores them
  const group = await contact.encryptGroupMessage({ group: GROUP_JID, meId: CONTACT_JID, data: text('hi group') });
  await repository.processSenderKeyDistributionMessage({
    item: { groupId: GROUP_JID, axolotlSenderKeyDistributionMessage: group.senderKeyDistributionMessage },
    authorJid: CONTACT_JID
  });
  await repository.decryptGroupMessage({ group: GROUP_JID, authorJid: CONTACT_JID, msg: group.ciphertext });
  await repository.encryptGroupMessage({ group: GROUP_JID, meId, data: text('hi all') });

  const keyShare = proto.Message.AppStateSyncKey.decode(
    proto.Message.AppStateSyncKey.encode({
      keyId: { keyId: Buffer.from('AAAAAAAB', 'hex') },
      keyData: {
        keyData: Buffer.alloc(32, 7),
        fingerprint: { rawId: 12345, currentIndex: 1, deviceIndexes: [0, 1] },
        timestamp: 1_764_000_000_000
      }
    }).finish()
  );
  const keyId = Buffer.from(keyShare.keyId.keyId).toString('base64');
  await state.keys.set({ 'app-state-sync-key': { [keyId]: keyShare.keyData } });
  Object.assign(state.creds, { myAppStateKeyId: keyId });
  await login.saveCreds();
  const version = newLTHashState();
  version.version = 3;
  await state.keys.set({ 'app-state-sync-version': { regular_high: version } });
  if (args.baileys === 'rc14') {
    await state.keys.set({ tctoken: { [CONTACT_JID]: { token: Buffer.from('simulated-tc-token'), timestamp: '1764000000' } } });
  }

  // 4. the contact's next message, never delivered
  const next = await contact.encryptMessage({ jid: meId, data: text('the next message') });
  await writeFile(
    `${outDir}.next-message.json`,
    JSON.stringify(
      {
        from: CONTACT_JID,
        type: next.type,
        ciphertextBase64: Buffer.from(next.ciphertext).toString('base64'),
        messageProtoHex: Buffer.from(proto.Message.encode({ conversation: 'the next message' }).finish()).toString('hex')
      },
      null,
      2
    ) + '\n'
  );

  await Promise.race([sock.end(undefined), sleep(10_000)]);
  await login.saved();
  const device = { baileys: args.baileys, deviceJid, phone: args.phone, contact: CONTACT_JID, group: GROUP_JID };
  await writeFile(`${outDir}.device.json`, JSON.stringify(device, null, 2) + '\n');
  console.log(JSON.stringify({ ...device, authDir: outDir }));
} finally {
  await simulator.stop();
}
process.exit(0);
