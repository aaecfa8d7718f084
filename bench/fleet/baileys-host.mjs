// N Baileys sockets in ONE Node process, the way a Baileys service runs its accounts: one
// useMultiFileAuthState folder per account, all sockets opened at start, and a new socket for an
// account whenever its socket closes for any reason but "logged out" (Baileys never reconnects by
// itself). Run with `node --expose-gc` so the bench can force a collection.
//
// Configuration (environment): BENCH_BAILEYS = {"wsUrl", "rootKeyHex", "authDirsFile"} where the
// file lists one auth folder per line (possibly none: the empty process is the RSS(0) baseline).
// stdout, JSON lines: {"type":"ready"} once Baileys is loaded, {"type":"all-open","at"} each time
// every account is open, answers to commands. stdin commands:
//   "status" -> {"type":"status", open, sockets, memory}
//   "gc"     -> global.gc() twice, then a status line with "type":"gc"
//   "send {"ratePerSecond", "messages": [{"account", "to", "text"}]}" -> sock.sendMessage(to, {text}) on the
//            account's current socket, the k-th call at start + k / ratePerSecond (lib/offered-load.mjs), then
//            {"type":"sent", "results": [{calledAt, id} or {calledAt, error}]} once every call settled
// stdin closed -> no more reconnects, every pending creds write finished, exit. useMultiFileAuthState
// rewrites creds.json in place (truncate, then write): a process killed during a write leaves an empty
// creds.json and the account asks for a QR again, so the bench must never stop this process mid-write.

import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import makeWASocket, { Browsers, DisconnectReason, WA_CERT_DETAILS, useMultiFileAuthState } from 'baileys';
import pino from 'pino';
import { offerAtRate } from './lib/offered-load.mjs';

const config = JSON.parse(process.env.BENCH_BAILEYS ?? '{}');
const authDirs = readFileSync(config.authDirsFile, 'utf8').split('\n').filter(line => line.length > 0);
const send = message => process.stdout.write(`${JSON.stringify(message)}\n`);
// Silent: the cheapest logging a Baileys service can have, so the figures are Baileys' own cost.
const logger = pino({ level: 'silent' });

WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(config.rootKeyHex, 'hex');

const open = new Set();
const socketOf = [];
const saving = authDirs.map(() => Promise.resolve());
let stopping = false;
let sockets = 0;
let loggedOut = 0;

async function connect(index) {
  const { state, saveCreds } = await useMultiFileAuthState(authDirs[index]);
  const sock = makeWASocket({
    waWebSocketUrl: config.wsUrl,
    auth: state,
    logger,
    browser: Browsers.macOS('Chrome'),
    printQRInTerminal: false
  });
  sockets += 1;
  socketOf[index] = sock;
  sock.ev.on('creds.update', () => {
    saving[index] = saving[index].then(saveCreds);
  });
  sock.ev.on('connection.update', ({ connection, qr, lastDisconnect }) => {
    if (qr) {
      send({ type: 'unexpected-qr', index });
    }
    if (connection === 'open') {
      open.add(index);
      if (open.size === authDirs.length) {
        send({ type: 'all-open', at: Date.now() });
      }
    } else if (connection === 'close') {
      open.delete(index);
      sockets -= 1;
      const statusCode = lastDisconnect?.error?.output?.statusCode;
      if (statusCode === DisconnectReason.loggedOut) {
        loggedOut += 1;
        send({ type: 'logged-out', index });
      } else if (!stopping) {
        connect(index).catch(error => send({ type: 'error', index, message: error.message }));
      }
    }
  });
}

function status(type) {
  return { type, open: open.size, sockets, loggedOut, memory: process.memoryUsage() };
}

/** The timed calls of the messages item; a call fails when the account's socket is not open. */
async function sendMessages({ ratePerSecond, messages }) {
  const results = await offerAtRate(messages.length, ratePerSecond, async k => {
    const { account, to, text } = messages[k];
    if (!open.has(account)) {
      throw new Error(`account ${account} is not connected`);
    }
    const sent = await socketOf[account].sendMessage(to, { text });
    return { id: sent.key.id };
  });
  send({ type: 'sent', results });
}

readline.createInterface({ input: process.stdin }).on('line', line => {
  if (line.startsWith('send ')) {
    sendMessages(JSON.parse(line.slice('send '.length))).catch(error => send({ type: 'error', message: error.message }));
  } else if (line === 'status') {
    send(status('status'));
  } else if (line === 'gc') {
    global.gc();
    global.gc();
    send(status('gc'));
  }
});
process.stdin.on('close', async () => {
  stopping = true;
  await Promise.all(saving);
  process.exit(0);
});

send({ type: 'ready', accounts: authDirs.length });
await Promise.all(authDirs.map((_, index) => connect(index)));
