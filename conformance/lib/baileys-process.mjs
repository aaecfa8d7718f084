// Parent side of lib/baileys-child.mjs: starts a Baileys socket in a new Node process and exposes
// its connection updates with the same waitFor* vocabulary as BaileysSession.

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { terminate, track } from './child-processes.mjs';
import { reasonName } from './baileys-session.mjs';

const CHILD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baileys-child.mjs');

export class BaileysProcess {
  updates = [];
  #messages = [];
  #listeners = new Set();
  #stderr = '';

  /**
   * @param {{simulator: {wsUrl: string, rootKeyHex: string}, authDir: string, socketOptions?: object}} options
   */
  constructor({ simulator, authDir, socketOptions = {} }) {
    this.startedAt = Date.now();
    const config = { wsUrl: simulator.wsUrl, rootKeyHex: simulator.rootKeyHex, authDir, socketOptions };
    this.child = track(
      spawn(process.execPath, [CHILD_SCRIPT], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, WA_CONFORMANCE_CHILD: JSON.stringify(config) }
      })
    );
    this.child.stderr.setEncoding('utf8').on('data', chunk => {
      this.#stderr = (this.#stderr + chunk).slice(-16 * 1024);
    });
    readline.createInterface({ input: this.child.stdout }).on('line', line => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return; // not ours: a dependency printing to stdout
      }
      this.#messages.push(message);
      if (message.type === 'update') {
        this.updates.push({ ...message, at: Date.now() });
      }
      for (const listener of this.#listeners) {
        listener();
      }
    });
    this.child.once('exit', () => {
      for (const listener of this.#listeners) {
        listener();
      }
    });
  }

  #waitForMessage(description, predicate, timeoutMs) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.#messages.find(predicate);
        if (match) {
          finish();
          resolve(match);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          finish();
          reject(new Error(`Baileys child process exited before reporting ${description}.\n${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Baileys child process did not report ${description} within ${timeoutMs} ms.\n${this.describe()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  waitForOpen(timeoutMs = 15_000) {
    return this.#waitForMessage("connection 'open'", m => m.type === 'update' && m.connection === 'open', timeoutMs);
  }

  async waitForClose(timeoutMs = 15_000) {
    const update = await this.#waitForMessage(
      "connection 'close'",
      m => m.type === 'update' && m.connection === 'close',
      timeoutMs
    );
    return { statusCode: update.statusCode, message: update.message, reason: reasonName(update.statusCode) };
  }

  get closed() {
    return this.updates.some(update => update.connection === 'close');
  }

  /** Baileys' unexpected warnings/errors and unanswered IQs, as seen inside the child. */
  async report(timeoutMs = 5000) {
    const before = this.#messages.length;
    this.child.stdin.write('report\n');
    return this.#waitForMessage('its report', m => m.type === 'report' && this.#messages.indexOf(m) >= before, timeoutMs);
  }

  /** Ends the socket inside the child, lets it save its creds, and waits for the process to exit. */
  async end() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin.write('end\n');
      await this.#waitForMessage('the end of its socket', m => m.type === 'ended', 10_000).catch(() => {});
    }
    await terminate(this.child);
  }

  describe() {
    const updates = this.updates
      .map(u => {
        const fields = [];
        if (u.connection) fields.push(`connection=${u.connection}`);
        if (u.hasQr) fields.push('qr=<redacted>');
        if (u.isNewLogin) fields.push('isNewLogin');
        if (u.statusCode !== undefined) fields.push(`statusCode=${u.statusCode} (${reasonName(u.statusCode)})`);
        if (u.message) fields.push(`message="${u.message}"`);
        return `  +${u.at - this.startedAt} ms ${fields.join(' ') || '(other fields only)'}`;
      })
      .join('\n');
    return `child connection.update events:\n${updates || '  (none)'}\nchild stderr:\n${this.#stderr || '  (empty)'}`;
  }
}
