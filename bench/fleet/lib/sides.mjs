// The two things being compared, each as a process the bench starts, watches and stops:
// the wa-fleet server jar, and one Node process holding N Baileys sockets (baileys-host.mjs).
// Both expose the same vocabulary: pid, startedAt, connected(), heapUsedBytes(), gc(), sendMessages(), stop().

import { spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { terminate, track } from '../../../conformance/lib/child-processes.mjs';
import { offerAtRate } from './offered-load.mjs';
import { javaGc, javaHeapUsedBytes } from './proc.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../../..');
export const FLEET_JAR = process.env.WA_FLEET_JAR ?? path.join(REPO, 'server/target/wa-fleet.jar');
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
// The outbox spaces an account's sends 60 s / WA_SEND_RATE_PER_MINUTE apart (default 20 a minute, 3 s): the
// bench opens it to the largest value FleetSettings accepts (6000, 10 ms) so the offered load sets the pace.
const SEND_RATE_PER_MINUTE = 6000;

function javaExecutable() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `line` matching `pattern` was printed; rejects when the process exits or after `timeoutMs`. */
function waitForLine(child, stream, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: stream });
    const timer = setTimeout(() => done(new Error(`${what}: no '${pattern}' within ${timeoutMs} ms`)), timeoutMs);
    const onExit = code => done(new Error(`${what} exited (code ${code}) before printing '${pattern}'`));
    const onLine = line => {
      if (pattern.test(line)) {
        done(undefined, line);
      }
    };
    function done(error, line) {
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('exit', onExit);
      error ? reject(error) : resolve(line);
    }
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}

/**
 * Starts the wa-fleet server jar against the simulator.
 * @param {{label: string, ids: string[], sessionsDir: string, inFlight: number, perSecond: number,
 *          javaOptions: string[], simulator: object, logDir: string}} options
 */
export async function startFleet({ label, ids, sessionsDir, inFlight, perSecond, javaOptions, simulator, logDir }) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    SESSIONS_PATH: sessionsDir,
    PORT: String(port),
    ADMIN_TOKEN,
    WA_ACCOUNTS: ids.join(','),
    WA_SERVER_URL: simulator.wsUrl,
    WA_TRUSTED_ROOT_KEY: simulator.rootKeyHex,
    WA_HANDSHAKES_IN_FLIGHT: String(inFlight),
    WA_HANDSHAKES_PER_SECOND: String(perSecond),
    WA_SEND_RATE_PER_MINUTE: String(SEND_RATE_PER_MINUTE),
    LOG_FORMAT: 'text'
  };
  const log = createWriteStream(path.join(logDir, `fleet-${label}.log`));
  const startedAt = Date.now();
  const child = track(spawn(javaExecutable(), [...javaOptions, '-jar', FLEET_JAR], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitForLine(child, child.stdout, /wa-fleet started/, 120_000, `wa-fleet (${label})`);
  const upAt = Date.now(); // Spring context up, restore starting: the rest of the restore is connecting
  const base = `http://127.0.0.1:${port}`;

  async function api(method, pathName, { accept = 'application/json', body } = {}) {
    const response = await fetch(base + pathName, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000)
    });
    const text = await response.text();
    return { status: response.status, body: /^[[{]/.test(text) ? JSON.parse(text) : text };
  }

  return {
    kind: 'wa-fleet',
    pid: child.pid,
    startedAt,
    upAt,
    api,
    async summary() {
      const { status, body } = await api('GET', '/api/status/dashboard');
      if (status !== 200) {
        throw new Error(`dashboard answered ${status}`);
      }
      return body.summary;
    },
    async connected() {
      return (await this.summary()).connected;
    },
    heapUsedBytes: () => javaHeapUsedBytes(child.pid),
    gc: () => javaGc(child.pid),
    /**
     * The messages item's calls: POST /api/accounts/{slot}/messages for each {account (index into ids), to
     * (digits), text}, timed by offerAtRate; each result is {calledAt, id} or {calledAt, error}.
     */
    sendMessages: ({ ratePerSecond, messages }) =>
      offerAtRate(messages.length, ratePerSecond, async k => {
        const { account, to, text } = messages[k];
        const answer = await api('POST', `/api/accounts/${ids[account]}/messages`, { body: { to: `+${to}`, text } });
        if (answer.status !== 202) {
          throw new Error(`POST messages for ${ids[account]} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        }
        return { id: answer.body.messageId };
      }),
    async stop() {
      await terminate(child, 15_000);
      log.end();
    }
  };
}

/** Starts one Node process holding a Baileys socket per auth folder (none: the RSS(0) baseline). */
export async function startBaileys({ label, authDirs, simulator, logDir }) {
  const listFile = path.join(logDir, `baileys-${label}.dirs`);
  writeFileSync(listFile, authDirs.map(dir => `${dir}\n`).join(''));
  const config = { wsUrl: simulator.wsUrl, rootKeyHex: simulator.rootKeyHex, authDirsFile: listFile };
  const log = createWriteStream(path.join(logDir, `baileys-${label}.log`));
  const startedAt = Date.now();
  const child = track(
    spawn(process.execPath, ['--expose-gc', path.join(HERE, '..', 'baileys-host.mjs')], {
      env: { ...process.env, BENCH_BAILEYS: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'pipe']
    })
  );
  child.stderr.pipe(log);
  const messages = [];
  const listeners = new Set();
  readline.createInterface({ input: child.stdout }).on('line', line => {
    log.write(`${line}\n`);
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    messages.push(message);
    for (const listener of listeners) {
      listener(message);
    }
  });

  function next(type, timeoutMs, after = 0) {
    const found = messages.find(m => m.type === type && (m.at ?? Infinity) >= after);
    if (found) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`Baileys host (${label}) sent no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = message => {
        if (message.type === type && (message.at ?? Infinity) >= after) {
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(message);
        }
      };
      listeners.add(listener);
    });
  }

  async function ask(command, type, timeoutMs = Infinity) {
    const before = messages.length;
    const deadline = Date.now() + timeoutMs;
    child.stdin.write(`${command}\n`);
    for (;;) {
      const found = messages.slice(before).find(m => m.type === type);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`Baileys host (${label}) did not answer '${command.slice(0, 20)}' within ${timeoutMs} ms`);
      }
      await sleep(20);
    }
  }

  await next('ready', 60_000);
  const upAt = Date.now(); // Baileys loaded, sockets being opened
  return {
    kind: 'Baileys',
    pid: child.pid,
    startedAt,
    upAt,
    /** Resolves with the time at which every socket was open, at or after `after`. */
    allOpen: (timeoutMs, after = 0) => next('all-open', timeoutMs, after).then(m => m.at),
    unexpected: () => messages.filter(m => m.type === 'unexpected-qr' || m.type === 'logged-out' || m.type === 'error'),
    connected: async () => (await ask('status', 'status')).open,
    heapUsedBytes: async () => (await ask('status', 'status')).memory.heapUsed,
    gc: () => ask('gc', 'gc'),
    /** The messages item's calls, made inside the host (sock.sendMessage); {account, to (digits), text} each. */
    async sendMessages({ ratePerSecond, messages: plan }) {
      const command = { ratePerSecond, messages: plan.map(m => ({ account: m.account, to: `${m.to}@s.whatsapp.net`, text: m.text })) };
      const scheduledMs = (plan.length * 1000) / ratePerSecond;
      return (await ask(`send ${JSON.stringify(command)}`, 'sent', scheduledMs + 120_000)).results;
    },
    async stop() {
      child.stdin.end(); // the host flushes its creds writes and exits by itself
      const exited = new Promise(resolve => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      await Promise.race([exited, sleep(60_000)]);
      await terminate(child, 10_000);
      log.end();
    }
  };
}
