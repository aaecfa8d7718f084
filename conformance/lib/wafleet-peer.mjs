// wa-fleet's own client in a child JVM (`io.wafleet.simulator.peer.WaFleetPeer`, shipped in the simulator jar),
// driven over JSON lines: commands on its stdin, events on its stdout. Its stderr (logs, phone numbers masked)
// is kept for failure messages only.

import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { terminate, track } from './child-processes.mjs';
import { simulatorCommand } from './simulator.mjs';

const MAIN_CLASS = 'io.wafleet.simulator.peer.WaFleetPeer';
const KEPT_STDERR_CHARS = 64 * 1024;

export class WaFleetPeer {
  /** Every event line so far, in order: {event, ...}. */
  events = [];
  #listeners = new Set();
  #stderr = '';
  #exit;

  /** Starts the JVM; `start()` then opens the account in `storeDir` against the simulator. */
  constructor() {
    // The simulator's command line names the JDK and the jar; the peer is another main class in that jar.
    const [java, , jar] = simulatorCommand();
    this.startedAt = Date.now();
    this.child = track(spawn(java, ['-cp', jar, MAIN_CLASS], { stdio: ['pipe', 'pipe', 'pipe'] }));
    this.child.stderr.setEncoding('utf8').on('data', chunk => {
      this.#stderr = (this.#stderr + chunk).slice(-KEPT_STDERR_CHARS);
    });
    readline.createInterface({ input: this.child.stdout }).on('line', line => {
      this.events.push({ ...JSON.parse(line), at: Date.now() });
      this.#notify();
    });
    this.#exit = new Promise(resolve => this.child.once('exit', resolve));
    this.child.once('exit', () => this.#notify());
  }

  get exited() {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  #notify() {
    for (const listener of this.#listeners) {
      listener();
    }
  }

  #command(command) {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** Resolves with the first event (from index `from` on) satisfying `predicate`. */
  waitFor(description, predicate, { timeoutMs = 15_000, from = 0 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.events.slice(from).find(predicate);
        if (match) {
          finish();
          resolve(match);
        } else if (this.exited) {
          finish();
          reject(new Error(`wa-fleet peer exited before reporting ${description}.\n${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`wa-fleet peer did not report ${description} within ${timeoutMs} ms.\n${this.describe()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  start({ storeDir, simulator }) {
    this.#command({ cmd: 'start', store: storeDir, ws: simulator.wsUrl, root: simulator.rootKeyHex });
  }

  waitForQr() {
    return this.waitFor('a QR code', e => e.event === 'qr').then(e => e.qr);
  }

  /** The `connected` event (a login); `from` skips earlier ones, e.g. the login before a restart. */
  waitForConnected({ from = 0, timeoutMs = 20_000 } = {}) {
    return this.waitFor('connected', e => e.event === 'connected', { from, timeoutMs });
  }

  /** Sends `text` to the user `to` under `id`; resolves with the `sent` event (the server's ack). */
  async send(to, text, id) {
    this.#command({ cmd: 'send', to, text, id });
    const outcome = await this.waitFor(`the ack of ${id}`, e => (e.event === 'sent' || e.event === 'send-failed') && e.id === id);
    if (outcome.event === 'send-failed') {
      throw new Error(`wa-fleet peer could not send ${id}: ${outcome.message}`);
    }
    return outcome;
  }

  /** Texts the peer handed over (`message` events). */
  get messages() {
    return this.events.filter(e => e.event === 'message');
  }

  get receipts() {
    return this.events.filter(e => e.event === 'receipt');
  }

  /** Lines the peer could not act on. */
  get errors() {
    return this.events.filter(e => e.event === 'error' || e.event === 'send-failed');
  }

  /**
   * `stop`: the client closes its socket and store and the JVM exits by itself. Resolves with the exit code
   * (0 when all went well); a peer that has not exited within `timeoutMs` is killed (exit code null).
   */
  async stop(timeoutMs = 15_000) {
    if (!this.exited) {
      this.#command({ cmd: 'stop' });
      await Promise.race([this.#exit, sleep(timeoutMs)]);
    }
    await terminate(this.child);
    return this.child.exitCode;
  }

  describe() {
    const lines = this.events
      .filter(e => e.event !== 'message' && e.event !== 'receipt' && e.event !== 'sent')
      .map(e => `  +${e.at - this.startedAt} ms ${JSON.stringify({ ...e, at: undefined, qr: e.qr && '<redacted>' })}`)
      .join('\n');
    return `wa-fleet peer events (messages, receipts and acks left out):\n${lines || '  (none)'}\n` +
      `wa-fleet peer stderr:\n${this.#stderr || '  (empty)'}`;
  }
}
