// Starts the standalone wa-fleet simulator (`java -jar wa-simulator.jar`) as a child process and
// talks to its HTTP control API. The simulator announces itself with exactly one line:
//   simulator ws=<ws url> control=<http url> root=<hex public key>
// Ports are chosen by the simulator (port 0), so parallel runs never collide.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { terminate, track } from './child-processes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFORMANCE_DIR = path.resolve(HERE, '..');
const ANNOUNCEMENT = /^simulator ws=(\S+) control=(\S+) root=([0-9a-fA-F]+)\s*$/;
const KEPT_OUTPUT_CHARS = 64 * 1024;

/** The jar to run: $WA_SIMULATOR_JAR, else the simulator module's build output. */
export function simulatorJar() {
  return process.env.WA_SIMULATOR_JAR
    ? path.resolve(process.env.WA_SIMULATOR_JAR)
    : path.resolve(CONFORMANCE_DIR, '../simulator/target/wa-simulator.jar');
}

function javaExecutable() {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  return fromHome && existsSync(fromHome) ? fromHome : 'java';
}

/** The command line that starts the real simulator. */
export function simulatorCommand({ jar = simulatorJar(), stateFile } = {}) {
  if (!existsSync(jar)) {
    throw new Error(
      `simulator jar not found: ${jar}. Build it first (./mvnw -B -pl simulator -am package -DskipTests) ` +
        'or point WA_SIMULATOR_JAR at it.'
    );
  }
  const args = ['-jar', jar, '--port', '0', '--control-port', '0'];
  if (stateFile) {
    args.push('--state-file', stateFile);
  }
  return [javaExecutable(), ...args];
}

/**
 * Starts a simulator and resolves once it has announced its URLs.
 * `command` defaults to the real jar; the harness' own tests pass a stand-in.
 * @returns {Promise<Simulator>}
 */
export async function startSimulator({ command = simulatorCommand(), startTimeoutMs = 60_000 } = {}) {
  const [executable, ...args] = command;
  const child = track(spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const output = { text: '' };
  const keep = chunk => {
    output.text = (output.text + chunk).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stderr.setEncoding('utf8').on('data', keep);
  child.stdout.setEncoding('utf8');

  try {
    const urls = await new Promise((resolve, reject) => {
      let pending = '';
      const timer = setTimeout(
        () => reject(new Error(`simulator printed no announcement within ${startTimeoutMs} ms`)),
        startTimeoutMs
      );
      child.once('error', error => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${executable}: ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`simulator exited (code ${code}, signal ${signal}) before announcing itself`));
      });
      child.stdout.on('data', chunk => {
        keep(chunk);
        pending += chunk;
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline).replace(/\r$/, '');
          pending = pending.slice(newline + 1);
          const match = ANNOUNCEMENT.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve({ wsUrl: match[1], controlUrl: match[2].replace(/\/+$/, ''), rootKeyHex: match[3] });
          }
        }
      });
    });
    return new Simulator(child, urls, output);
  } catch (error) {
    await terminate(child);
    error.message += `\n--- simulator output ---\n${output.text}`;
    throw error;
  }
}

/** Control API errors keep the HTTP status and body: they are what a simulator developer needs. */
export class ControlApiError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} -> HTTP ${status}: ${body}`);
    this.status = status;
    this.body = body;
  }
}

// Path segments keep ':' '@' '+' as they are (all legal in a path, RFC 3986 pchar), so a server
// that reads the raw path and one that reads the decoded path see the same JID or phone number.
function segment(value) {
  return String(value).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, c => encodeURIComponent(c));
}

export class Simulator {
  #child;
  #output;

  constructor(child, { wsUrl, controlUrl, rootKeyHex }, output) {
    this.#child = child;
    this.#output = output;
    this.wsUrl = wsUrl;
    this.controlUrl = controlUrl;
    this.rootKeyHex = rootKeyHex.toLowerCase();
  }

  get pid() {
    return this.#child.pid;
  }

  get running() {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The last 64 KiB of the simulator's stdout and stderr, for failure messages. */
  get output() {
    return this.#output.text;
  }

  /** Ends the simulator the hard way (kill -9), as a crash or a container restart does. */
  async kill() {
    if (this.running) {
      const exited = new Promise(resolve => this.#child.once('exit', resolve));
      this.#child.kill('SIGKILL');
      await exited;
    }
  }

  /** Ends the simulator: SIGTERM, then SIGKILL after `graceMs`. */
  async stop({ graceMs = 3000 } = {}) {
    await terminate(this.#child, graceMs);
  }

  async #call(method, pathName, body) {
    const url = this.controlUrl + pathName;
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000)
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ControlApiError(method, url, response.status, text);
    }
    return text.length === 0 ? {} : JSON.parse(text);
  }

  devices() {
    return this.#call('GET', '/devices');
  }

  async device(jid) {
    const devices = await this.devices();
    return devices.find(device => device.jid === jid);
  }

  stats() {
    return this.#call('GET', '/stats');
  }

  addPhone(phone) {
    return this.#call('POST', '/phones', { phone });
  }

  /** Lets the simulated phone scan `qr`; resolves with {deviceJid} once pairing completed. */
  scan(phone, qr) {
    return this.#call('POST', `/phones/${segment(phone)}/scan`, { qr });
  }

  streamError(jid, code) {
    return this.#call('POST', `/devices/${segment(jid)}/stream-error`, { code });
  }

  drop(jid) {
    return this.#call('POST', `/devices/${segment(jid)}/drop`);
  }

  silence(jid, seconds) {
    return this.#call('POST', `/devices/${segment(jid)}/silence`, { seconds });
  }

  /** Bans the device for `seconds`, or permanently when `seconds` is omitted. */
  ban(jid, seconds) {
    return this.#call('POST', `/devices/${segment(jid)}/ban`, seconds === undefined ? {} : { seconds });
  }

  /**
   * Changes the given connection-level faults and leaves the others as they are, e.g.
   * {refuseConnections, handshakeDelayMs, certChainDefect, pairSuccessDefect, withholdIqs};
   * null clears a defect. Resolves with all faults now in force.
   */
  faults(changes) {
    return this.#call('POST', '/faults', changes);
  }

  /** Sends <failure reason=…> to the device's live connections. */
  failure(jid, reason) {
    return this.#call('POST', `/devices/${segment(jid)}/failure`, { reason });
  }

  /** Sends <xmlstreamend/> to the device's live connections. */
  endStream(jid) {
    return this.#call('POST', `/devices/${segment(jid)}/end-stream`);
  }

  /** Closes the device's WebSockets with a close frame. */
  closeSocket(jid) {
    return this.#call('POST', `/devices/${segment(jid)}/close`);
  }

  /** An account whose primary device the simulator plays; resolves with {phone, jid, lid, pushName}. */
  addContact(phone) {
    return this.#call('POST', '/contacts', { phone });
  }

  /** Several such accounts with one write of the simulator's state file; resolves with [{phone, jid, lid, pushName}]. */
  addContacts(phones) {
    return this.#call('POST', '/contacts', { phones });
  }

  /** Texts the account's primary device decrypted: [{id, from, chat, text, fromOwnDevice, encryption, acceptedAt, receivedAt}]. */
  contactMessages(phone) {
    return this.#call('GET', `/contacts/${segment(phone)}/messages`);
  }

  /** The contact sends `text` to `to` (a JID); resolves with {id}. */
  sendFromContact(phone, to, text) {
    return this.#call('POST', `/contacts/${segment(phone)}/messages`, { to, text });
  }

  /** Receipts for the messages the contact sent: [{id, from, type}]. */
  contactReceipts(phone) {
    return this.#call('GET', `/contacts/${segment(phone)}/receipts`);
  }
}
