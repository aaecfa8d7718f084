// Pairs accounts once and keeps them: the simulator's --state-file remembers the linked devices, the
// Baileys auth folders and the wa-fleet sessions stay in the bench directory, and prepared.json says how
// many of each exist. A later run with a larger N pairs only the missing ones. Pairing CPU per account is
// measured while pairing (it is item 6 of the bench) and kept in prepared.json.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { track } from '../../../conformance/lib/child-processes.mjs';
import { cpuSeconds } from './proc.mjs';
import { startFleet } from './sides.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAIR_WORKER = path.join(HERE, '..', 'baileys-pair-worker.mjs');
const FLEET_LINKS_AT_ONCE = 10;

export const fleetId = index => `F${String(index + 1).padStart(4, '0')}`;
const fleetPhone = index => `+15551${String(index + 1).padStart(6, '0')}`;
const baileysPhone = index => `+15552${String(index + 1).padStart(6, '0')}`;
export const baileysDir = (benchDir, index) => path.join(benchDir, 'baileys', `B${String(index + 1).padStart(4, '0')}`);
export const fleetMasterDir = benchDir => path.join(benchDir, 'fleet-master');

function manifestPath(benchDir) {
  return path.join(benchDir, 'prepared.json');
}

export function readManifest(benchDir) {
  const file = manifestPath(benchDir);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { baileys: 0, fleet: 0, pairing: {} };
}

function writeManifest(benchDir, manifest) {
  writeFileSync(manifestPath(benchDir), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Pairs Baileys accounts [from, to) in `workers` parallel Node processes; returns {paired, cpuSeconds}. */
async function pairBaileys({ benchDir, simulator, from, to, workers }) {
  const indices = Array.from({ length: to - from }, (_, k) => from + k);
  const slices = Array.from({ length: workers }, (_, w) => indices.filter((_, k) => k % workers === w)).filter(s => s.length);
  const results = await Promise.all(
    slices.map(
      slice =>
        new Promise((resolve, reject) => {
          const config = {
            wsUrl: simulator.wsUrl,
            controlUrl: simulator.controlUrl,
            rootKeyHex: simulator.rootKeyHex,
            accounts: slice.map(index => ({ phone: baileysPhone(index), authDir: baileysDir(benchDir, index) }))
          };
          const child = track(
            spawn(process.execPath, [PAIR_WORKER], {
              env: { ...process.env, BENCH_PAIR: JSON.stringify(config) },
              stdio: ['ignore', 'pipe', 'pipe']
            })
          );
          let stderr = '';
          let done;
          child.stderr.setEncoding('utf8').on('data', chunk => (stderr = (stderr + chunk).slice(-8192)));
          readline.createInterface({ input: child.stdout }).on('line', line => {
            const message = JSON.parse(line);
            if (message.type === 'done') {
              done = message;
            }
          });
          child.once('exit', code =>
            done ? resolve(done) : reject(new Error(`Baileys pair worker exited with ${code}:\n${stderr}`))
          );
        })
    )
  );
  return {
    paired: results.reduce((sum, r) => sum + r.paired, 0),
    cpuSeconds: results.reduce((sum, r) => sum + r.cpuSeconds, 0)
  };
}

// A scan returns once the simulator has saved the new device; its state file (every device with its pre-keys,
// rewritten and fsynced on each pairing) reaches 40 MB at 500 + 500 accounts, and on a loaded machine a scan
// then takes longer than the conformance harness' 30 s: the bench calls the control API with its own timeout.
const CONTROL_TIMEOUT_MS = 180_000;

async function control(simulator, method, pathName, body) {
  const response = await fetch(simulator.controlUrl + pathName, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS)
  });
  const text = await response.text();
  if (!response.ok && !(pathName === '/phones' && response.status === 409)) {
    throw new Error(`${method} ${pathName} -> HTTP ${response.status}: ${text}`);
  }
}

async function waitForNoConnecting(fleet) {
  const deadline = Date.now() + 300_000;
  while ((await fleet.summary()).connecting > 0 && Date.now() < deadline) {
    await sleep(500);
  }
}

/** Links wa-fleet slots [from, to) through the server's API, the simulated phone scanning each QR. */
async function pairFleet({ benchDir, simulator, from, to, javaOptions, logDir }) {
  const ids = Array.from({ length: to - from }, (_, k) => fleetId(from + k));
  const sessionsDir = fleetMasterDir(benchDir);
  await mkdir(sessionsDir, { recursive: true });
  const fleet = await startFleet({
    label: `pairing-${from}-${to}`,
    ids,
    sessionsDir,
    inFlight: 1000,
    perSecond: 1000,
    javaOptions,
    simulator,
    logDir
  });
  try {
    // Slots linked by an earlier, interrupted preparation restore by themselves: wait for them, link the rest.
    await sleep(3000);
    await waitForNoConnecting(fleet);
    const accounts = (await fleet.api('GET', '/api/accounts')).body;
    const linked = new Set(accounts.filter(a => String(a.status).toLowerCase() === 'connected').map(a => a.accountId));
    const cpuBefore = cpuSeconds(fleet.pid);
    const link = async k => {
      const id = ids[k];
      if (linked.has(id)) {
        return;
      }
      const answer = await fleet.api('POST', `/api/accounts/${id}/link`);
      if (answer.status !== 202) {
        throw new Error(`link ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      let qr;
      for (let attempt = 0; attempt < 300 && !qr; attempt++) {
        const offer = await fleet.api('GET', `/api/accounts/${id}/qr`);
        if (offer.status === 200) {
          qr = offer.body.qr;
        } else {
          await sleep(100);
        }
      }
      if (!qr) {
        throw new Error(`slot ${id} offered no QR`);
      }
      const phone = fleetPhone(from + k);
      await control(simulator, 'POST', '/phones', { phone });
      await control(simulator, 'POST', `/phones/${phone}/scan`, { qr });
    };
    for (let k = 0; k < ids.length; k += FLEET_LINKS_AT_ONCE) {
      await Promise.all(ids.slice(k, k + FLEET_LINKS_AT_ONCE).map((_, j) => link(k + j)));
    }
    const deadline = Date.now() + 600_000;
    while ((await fleet.connected()) < ids.length) {
      if (Date.now() > deadline) {
        throw new Error(`wa-fleet: only ${await fleet.connected()} of ${ids.length} linked slots connected`);
      }
      await sleep(250);
    }
    return { paired: ids.length - linked.size, cpuSeconds: cpuSeconds(fleet.pid) - cpuBefore };
  } finally {
    await fleet.stop();
  }
}

/**
 * Baileys folders whose creds.json no longer parses (useMultiFileAuthState rewrites it in place, so a
 * process killed mid-write leaves it empty) are paired again, to a new phone.
 */
async function repairBaileys({ benchDir, simulator, upTo }) {
  const broken = [];
  for (let index = 0; index < upTo; index++) {
    try {
      JSON.parse(readFileSync(path.join(baileysDir(benchDir, index), 'creds.json'), 'utf8'));
    } catch {
      broken.push(index);
    }
  }
  if (broken.length === 0) {
    return;
  }
  console.log(`re-pairing ${broken.length} Baileys account(s) with an unreadable creds.json: ${broken.map(i => i + 1).join(', ')}`);
  const config = {
    wsUrl: simulator.wsUrl,
    controlUrl: simulator.controlUrl,
    rootKeyHex: simulator.rootKeyHex,
    accounts: broken.map(index => ({ phone: `+15553${String(Date.now() % 100000).padStart(5, '0')}${String(index).padStart(4, '0')}`, authDir: baileysDir(benchDir, index) }))
  };
  for (const index of broken) {
    await rm(baileysDir(benchDir, index), { recursive: true, force: true });
  }
  const child = track(spawn(process.execPath, [PAIR_WORKER], { env: { ...process.env, BENCH_PAIR: JSON.stringify(config) }, stdio: 'inherit' }));
  const code = await new Promise(resolve => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(`re-pairing failed (exit ${code})`);
  }
}

/** Makes sure `count` accounts of each side are paired; returns the manifest. */
export async function prepare({ benchDir, simulator, count, javaOptions, logDir, baileysWorkers, sides = ['baileys', 'fleet'] }) {
  const manifest = readManifest(benchDir);
  if (sides.includes('baileys')) {
    await repairBaileys({ benchDir, simulator, upTo: manifest.baileys });
  }
  if (sides.includes('baileys') && manifest.baileys < count) {
    const started = Date.now();
    console.log(`pairing Baileys accounts ${manifest.baileys + 1}..${count} in ${baileysWorkers} processes`);
    const result = await pairBaileys({ benchDir, simulator, from: manifest.baileys, to: count, workers: baileysWorkers });
    manifest.pairing.baileys = { from: manifest.baileys, to: count, ...result, cpuSecondsPerAccount: result.cpuSeconds / result.paired, wallSeconds: (Date.now() - started) / 1000 };
    manifest.baileys = count;
    writeManifest(benchDir, manifest);
    console.log(`  ${JSON.stringify(manifest.pairing.baileys)}`);
  }
  if (sides.includes('fleet') && manifest.fleet < count) {
    const started = Date.now();
    console.log(`pairing wa-fleet slots ${manifest.fleet + 1}..${count} through the server API`);
    const result = await pairFleet({ benchDir, simulator, from: manifest.fleet, to: count, javaOptions, logDir });
    manifest.pairing.fleet = { from: manifest.fleet, to: count, ...result, cpuSecondsPerAccount: result.cpuSeconds / result.paired, wallSeconds: (Date.now() - started) / 1000 };
    manifest.fleet = count;
    writeManifest(benchDir, manifest);
    console.log(`  ${JSON.stringify(manifest.pairing.fleet)}`);
  }
  return manifest;
}
