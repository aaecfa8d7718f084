// One real Baileys socket pointed at the simulator, with everything a conformance test asserts on
// recorded: every connection.update (QR strings kept but never printed), what Baileys logged at
// info level and above, and which of its IQs the simulator answered.

import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import makeWASocket, { Browsers, DisconnectReason, WA_CERT_DETAILS, useMultiFileAuthState } from 'baileys';
import { createCapturingLogger, describeEntries } from './capturing-logger.mjs';
// Imported for its exit handler, which must be registered (and so run) before the folder removal
// below: Baileys child processes are killed first, so none writes into a folder being removed.
import './child-processes.mjs';

const END_TIMEOUT_MS = 10_000;

/**
 * Makes Baileys accept the simulator's certificate chain. Baileys reads WA_CERT_DETAILS.PUBLIC_KEY
 * at every handshake, so replacing the property of the exported (mutable) object is enough.
 * (rc14 would accept any root anyway, see README; the harness still trusts exactly the simulator's.)
 */
export function trustSimulatorRoot(rootKeyHex) {
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(rootKeyHex, 'hex');
}

// Every auth folder of this process lives under one temp folder that goes when the process goes:
// a linked Baileys device leaves about 830 files (one per pre-key), a full run a few dozen devices.
// Created on first use, so processes that only use folders made elsewhere (the Baileys child) leave nothing.
let authRoot;

function authRootFolder() {
  if (authRoot === undefined) {
    authRoot = mkdtempSync(path.join(os.tmpdir(), 'wa-conformance-'));
    process.on('exit', () => {
      try {
        rmSync(authRoot, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        process.stderr.write(`could not remove ${authRoot}: ${error.message}\n`);
      }
    });
  }
  return authRoot;
}

/** A fresh, empty auth folder (useMultiFileAuthState layout), removed when this process exits. */
export function newAuthDir(label) {
  return mkdtemp(path.join(authRootFolder(), `${label}-`));
}

/** Human-readable name of a disconnect code, as Baileys' DisconnectReason enum spells it. */
export function reasonName(statusCode) {
  // 408 has two names (connectionLost, timedOut): show both rather than whichever the reverse lookup picks.
  const names = Object.entries(DisconnectReason)
    .filter(([name, code]) => code === statusCode && Number.isNaN(Number(name)))
    .map(([name]) => name);
  return names.length > 0 ? names.join('/') : `unknown(${statusCode})`;
}

// Baileys logs these on a healthy connection to a server without history or app-state sync
// (protocol.md §0, §11). Anything else at warn or error level is a finding.
export const HARMLESS_WARNINGS = [
  /^Timeout in AwaitingInitialSync/, // no history-sync notification within 20 s of the first login
  /^no name present, ignoring presence update/ // no push name, because app-state sync never ran
];

/**
 * Opens a Baileys socket on `authDir` against the simulator.
 * @param {object} options
 * @param {{wsUrl: string}} options.simulator
 * @param {string} options.authDir
 * @param {object} [options.socketOptions] extra makeWASocket options (timers)
 */
export async function connectBaileys({ simulator, authDir, socketOptions = {} }) {
  const { state, saveCreds } = await useMultiFileAuthState(authDir);
  return new BaileysSession({ simulator, authDir, state, saveCreds, socketOptions });
}

export class BaileysSession {
  updates = [];
  sentIqs = new Map(); // id -> {at, xmlns, type}
  answeredIqIds = new Set();
  #listeners = new Set();
  #saving = Promise.resolve();

  constructor({ simulator, authDir, state, saveCreds, socketOptions }) {
    this.authDir = authDir;
    this.startedAt = Date.now();
    this.logger = createCapturingLogger({ onEntry: entry => this.#recordSentStanza(entry) });
    this.creds = state.creds;
    this.sock = makeWASocket({
      waWebSocketUrl: simulator.wsUrl,
      auth: state,
      logger: this.logger,
      browser: Browsers.macOS('Chrome'),
      printQRInTerminal: false,
      connectTimeoutMs: 10_000,
      ...socketOptions
    });
    this.sock.ev.on('creds.update', () => {
      this.#saving = this.#saving.then(saveCreds);
    });
    this.sock.ev.on('connection.update', update => {
      const { connection, qr, isNewLogin, receivedPendingNotifications, lastDisconnect } = update;
      const statusCode = lastDisconnect?.error?.output?.statusCode;
      // For <failure>, Baileys attaches the node's attributes (reason, code, expire, ...) as data.
      const failure = lastDisconnect?.error?.message === 'Connection Failure' ? lastDisconnect.error.data : undefined;
      this.updates.push({
        at: Date.now(),
        connection,
        qr,
        isNewLogin,
        receivedPendingNotifications,
        statusCode,
        message: lastDisconnect?.error?.message,
        failure
      });
      for (const listener of this.#listeners) {
        listener();
      }
    });
    this.sock.ws.on('frame', frame => this.#recordReceivedStanza(frame));
  }

  get closed() {
    return this.updates.some(update => update.connection === 'close');
  }

  get qrCodes() {
    return this.updates.filter(update => update.qr).map(update => update.qr);
  }

  /** Resolves with the first recorded update satisfying `predicate`, waiting up to `timeoutMs`. */
  waitFor(description, predicate, timeoutMs) {
    const found = this.updates.find(predicate);
    if (found) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const listener = () => {
        const match = this.updates.find(predicate);
        if (match) {
          finish();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Baileys did not report ${description} within ${timeoutMs} ms.\n${this.describe()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
      };
      this.#listeners.add(listener);
    });
  }

  waitForQr(timeoutMs = 15_000) {
    return this.waitFor('a QR code', update => Boolean(update.qr), timeoutMs).then(update => update.qr);
  }

  waitForOpen(timeoutMs = 15_000) {
    return this.waitFor("connection 'open'", update => update.connection === 'open', timeoutMs);
  }

  /** Resolves with {statusCode, message, reason, failure} of the close (failure: a <failure> node's attributes). */
  async waitForClose(timeoutMs = 15_000) {
    const update = await this.waitFor("connection 'close'", u => u.connection === 'close', timeoutMs);
    return {
      statusCode: update.statusCode,
      message: update.message,
      reason: reasonName(update.statusCode),
      failure: update.failure
    };
  }

  /** Baileys' warnings and errors, minus the ones it logs on every healthy connection and `alsoAllowed`. */
  problems(alsoAllowed = []) {
    const allowed = [...HARMLESS_WARNINGS, ...alsoAllowed];
    return this.logger.entries.filter(
      entry =>
        (entry.level === 'warn' || entry.level === 'error' || entry.level === 'fatal') &&
        !allowed.some(pattern => pattern.test(entry.msg))
    );
  }

  /** IQs Baileys sent (get/set) more than `graceMs` ago that the simulator has not answered. */
  unansweredIqs(graceMs = 2000) {
    const cutoff = Date.now() - graceMs;
    return [...this.sentIqs.entries()]
      .filter(([id, iq]) => iq.at < cutoff && !this.answeredIqIds.has(id))
      .map(([id, iq]) => ({ id, ...iq }));
  }

  /** Ends the socket (as an app does on shutdown) and waits until the saved creds are on disk. */
  async end() {
    if (!this.closed) {
      // end() waits for the WebSocket close handshake, which a hung upgrade may never complete.
      await Promise.race([this.sock.end(undefined), sleep(END_TIMEOUT_MS)]);
    }
    await this.#saving;
  }

  /** Everything a failure message needs: the updates so far and Baileys' warnings and errors. */
  describe() {
    const updates = this.updates
      .map(u => {
        const fields = [];
        if (u.connection) fields.push(`connection=${u.connection}`);
        if (u.qr) fields.push('qr=<redacted>');
        if (u.isNewLogin) fields.push('isNewLogin');
        if (u.receivedPendingNotifications) fields.push('receivedPendingNotifications');
        if (u.statusCode !== undefined) fields.push(`statusCode=${u.statusCode} (${reasonName(u.statusCode)})`);
        if (u.message) fields.push(`message="${u.message}"`);
        if (u.failure) fields.push(`failure=${JSON.stringify(u.failure)}`);
        return `  +${u.at - this.startedAt} ms ${fields.join(' ') || '(other fields only)'}`;
      })
      .join('\n');
    const logged = this.logger.entries.filter(e => e.level !== 'info' || /connection|stream|pair|open/i.test(e.msg));
    return `connection.update events:\n${updates || '  (none)'}\nBaileys log (warn/error and connection info):\n${
      describeEntries(logged.slice(-30)) || '  (none)'
    }`;
  }

  #recordSentStanza(entry) {
    if (entry.level !== 'trace' || entry.msg !== 'xml send' || typeof entry.obj.xml !== 'string') {
      return;
    }
    const openingTag = entry.obj.xml.slice(0, entry.obj.xml.indexOf('>') + 1);
    if (!openingTag.startsWith('<iq ')) {
      return;
    }
    const attrs = Object.fromEntries([...openingTag.matchAll(/([\w:-]+)='([^']*)'/g)].map(m => [m[1], m[2]]));
    if (attrs.id && (attrs.type === 'get' || attrs.type === 'set')) {
      this.sentIqs.set(attrs.id, { at: entry.at, xmlns: attrs.xmlns, type: attrs.type });
    }
  }

  #recordReceivedStanza(frame) {
    if (frame?.tag === 'iq' && (frame.attrs?.type === 'result' || frame.attrs?.type === 'error') && frame.attrs.id) {
      this.answeredIqIds.add(frame.attrs.id);
    }
  }
}
