// Links Baileys accounts to simulated phones, one after another, in one Node process; the bench runs
// several of these at once because a Baileys pairing costs seconds of CPU. For each account: a new
// phone, a socket on an empty useMultiFileAuthState folder, its first QR scanned through the
// simulator's control API, the 515 restart, a second socket that logs in with the saved creds (and
// uploads its pre-keys), then end().
//
// Configuration (environment): BENCH_PAIR = {"wsUrl", "controlUrl", "rootKeyHex", "accounts": [{"phone", "authDir"}]}.
// Last stdout line: {"type":"done", "paired", "cpuSeconds"} (CPU of the pairing work only, not of Node's start).

import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import makeWASocket, { Browsers, DisconnectReason, WA_CERT_DETAILS, useMultiFileAuthState } from 'baileys';
import pino from 'pino';

const config = JSON.parse(process.env.BENCH_PAIR ?? '{}');
const logger = pino({ level: 'silent' });
const STEP_TIMEOUT_MS = 60_000;
// After 'open', Baileys checks the server's pre-key count and uploads its batch; give it time to finish
// before ending the socket so the folder holds what a linked account keeps.
const SETTLE_AFTER_OPEN_MS = 3000;

WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(config.rootKeyHex, 'hex');

async function control(method, pathName, body) {
  const response = await fetch(config.controlUrl + pathName, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS)
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${pathName} -> HTTP ${response.status}: ${text}`);
  }
  return text.length === 0 ? {} : JSON.parse(text);
}

/** Opens a socket and resolves with the first connection.update that `accept` takes. */
function socketUntil(authDir, accept) {
  return new Promise((resolve, reject) => {
    useMultiFileAuthState(authDir).then(({ state, saveCreds }) => {
      let saving = Promise.resolve();
      const sock = makeWASocket({
        waWebSocketUrl: config.wsUrl,
        auth: state,
        logger,
        browser: Browsers.macOS('Chrome'),
        printQRInTerminal: false
      });
      sock.ev.on('creds.update', () => {
        saving = saving.then(saveCreds);
      });
      const timer = setTimeout(() => reject(new Error(`no matching update within ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
      sock.ev.on('connection.update', update => {
        const result = accept(update, sock);
        if (result) {
          clearTimeout(timer);
          resolve({ sock, update, saved: () => saving });
        }
      });
    }, reject);
  });
}

async function pair({ phone, authDir }) {
  await mkdir(authDir, { recursive: true });
  await control('POST', '/phones', { phone });
  let scanning;
  const first = await socketUntil(authDir, (update) => {
    if (update.qr && !scanning) {
      scanning = control('POST', `/phones/${phone}/scan`, { qr: update.qr });
    }
    return update.connection === 'close';
  });
  await scanning;
  const statusCode = first.update.lastDisconnect?.error?.output?.statusCode;
  if (statusCode !== DisconnectReason.restartRequired) {
    throw new Error(`pairing of ${phone} closed with ${statusCode} instead of 515`);
  }
  await first.saved();
  const login = await socketUntil(authDir, update => update.connection === 'open');
  await sleep(SETTLE_AFTER_OPEN_MS);
  await Promise.race([login.sock.end(undefined), sleep(10_000)]);
  await login.saved();
}

const before = process.cpuUsage();
let paired = 0;
for (const account of config.accounts) {
  await pair(account);
  paired += 1;
  process.stdout.write(`${JSON.stringify({ type: 'paired', phone: account.phone })}\n`);
}
const used = process.cpuUsage(before);
// The sleeps above cost no CPU; the CPU figure is the pairing's own.
process.stdout.write(`${JSON.stringify({ type: 'done', paired, cpuSeconds: (used.user + used.system) / 1e6 })}\n`);
process.exit(0);
