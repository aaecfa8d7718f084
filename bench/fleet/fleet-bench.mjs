// wa-fleet against Baileys on the same standalone simulator: memory, idle CPU, disk, restore,
// reconnect storm, pairing and messages per account, for each N given on the command line.
// Run through bench/run-fleet-bench.sh (it builds what is missing and explains the variables).
//
// The two sides never run at the same time: each phase starts one side's process, measures it, and
// stops it, so neither competes with the other for the machine's cores. The simulator runs throughout.

import { readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatorCommand, startSimulator } from '../../conformance/lib/simulator.mjs';
import { baileysDir, fleetId, fleetMasterDir, prepare } from './lib/prepare.mjs';
import { cpuSeconds, cpuSecondsByThread, diskUsage, jcmd, rssBytes, threadCount, topThreads } from './lib/proc.mjs';
import { REPO, startBaileys, startFleet } from './lib/sides.mjs';
import { MESSAGE_RATE, MESSAGES_PER_ACCOUNT, WARMUP_PER_ACCOUNT, WARMUP_RATE, createContacts, incomplete, messagePhases } from './lib/messages.mjs';
import { renderRun } from './lib/report.mjs';

const counts = process.argv.slice(2).map(Number);
if (counts.length === 0 || counts.some(n => !Number.isInteger(n) || n < 1)) {
  console.error('usage: run-fleet-bench.sh N [N...]   e.g. run-fleet-bench.sh 30 100 500');
  process.exit(2);
}
const BENCH_DIR = path.resolve(process.env.BENCH_DIR ?? path.join(REPO, 'bench/target/fleet-bench'));
const RESULTS_DIR = path.join(REPO, 'bench/results');
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const BASELINE_IDLE_SECONDS = IDLE_SECONDS; // the same window: a JVM's JIT is still busy 20 s after start
// A wait before every idle window (both sides, baselines too): the JVM's JIT compiles what the restore ran for
// two or three minutes, a one-time cost that the first idle minute would otherwise count as idle CPU.
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 0);
const DEFAULT_LIMITER_MAX_N = Number(process.env.BENCH_DEFAULT_LIMITER_MAX_N ?? 100);
const PRODUCTION_LIMITER = { inFlight: 3, perSecond: 1 }; // Tuning.defaults()
const WIDE_LIMITER = { inFlight: 1000, perSecond: 1000 }; // the largest values FleetSettings accepts
// run-fleet-bench.sh passes the Dockerfile's flags with the AOT cache; without one (BENCH_FLEET_AOT=0, a jar of
// your own) the same flags: the Dockerfile's JDK_JAVA_OPTIONS, read from it (one source of truth), unless
// FLEET_JAVA_OPTS says otherwise.
const JAVA_OPTIONS = (process.env.FLEET_JAVA_OPTS ?? dockerfileJavaOptions()).split(/\s+/).filter(Boolean);
const BAILEYS_PAIR_WORKERS = Number(process.env.BENCH_BAILEYS_PAIR_WORKERS ?? 4);
const STORM_TIMEOUT_MS = 300_000;
// Both sides by default; 'fleet' alone is for trying JVM flags (Baileys' columns then read n/a).
const SIDES = process.env.BENCH_SIDES ?? 'both';
if (!['both', 'fleet', 'baileys'].includes(SIDES)) {
  console.error(`BENCH_SIDES must be both, fleet or baileys, not '${SIDES}'`);
  process.exit(2);
}
const runs = side => SIDES === 'both' || SIDES === side;

function dockerfileJavaOptions() {
  const dockerfile = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
  const match = dockerfile.match(/^ENV JDK_JAVA_OPTIONS="([^"]*)"/m);
  if (!match) {
    throw new Error('Dockerfile: no ENV JDK_JAVA_OPTIONS="..." line to take the JVM flags from (or set FLEET_JAVA_OPTS)');
  }
  return match[1];
}

const MiB = 1024 * 1024;
const now = () => Date.now();
const log = message => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function waitUntil(description, check, timeoutMs, intervalMs = 200) {
  const deadline = now() + timeoutMs;
  for (;;) {
    if (await check()) {
      return now();
    }
    if (now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * RSS, heap and threads after `idleSeconds` of idling (CPU measured over that window, which starts
 * SETTLE_SECONDS after the call), then after a forced GC.
 */
async function idleAndMemory(side, idleSeconds) {
  await sleep(SETTLE_SECONDS * 1000);
  const cpu0 = cpuSeconds(side.pid);
  const threads0 = cpuSecondsByThread(side.pid);
  const t0 = now();
  await sleep(idleSeconds * 1000);
  const cpu1 = cpuSeconds(side.pid);
  const busiestThreads = topThreads(threads0, cpuSecondsByThread(side.pid));
  const minutes = (now() - t0) / 60_000;
  const idle = { rss: rssBytes(side.pid), heap: await side.heapUsedBytes(), threads: threadCount(side.pid) };
  await side.gc();
  await sleep(2000);
  const afterGc = { rss: rssBytes(side.pid), heap: await side.heapUsedBytes() };
  return { idleCpuPerMinute: (cpu1 - cpu0) / minutes, busiestThreads, idle, afterGc };
}

/**
 * Drops every connection at the simulator and follows the way back: done when every account logged in
 * again, the simulator holds N live connections and the side itself reports N connected.
 * Handshakes in flight = connections accepted since the drop − handshakes completed since the drop,
 * sampled every 50 ms.
 */
async function storm(simulator, side, n) {
  const s0 = await simulator.stats();
  const t0 = now();
  await simulator.drop('all');
  let peakInFlight = 0;
  let sideConnected = 0;
  let polls = 0;
  const deadline = t0 + STORM_TIMEOUT_MS;
  for (;;) {
    const s = await simulator.stats();
    peakInFlight = Math.max(peakInFlight, s.connections - s0.connections - (s.handshakes - s0.handshakes));
    const loggedInAgain = s.logins - s0.logins >= n && s.liveConnections === n;
    if (loggedInAgain || polls % 5 === 0) {
      sideConnected = await side.connected();
    }
    polls += 1;
    if (loggedInAgain && sideConnected === n) {
      return { seconds: (now() - t0) / 1000, peakInFlight, leftBehind: 0, logins: s.logins - s0.logins };
    }
    if (now() > deadline) {
      return { seconds: NaN, peakInFlight, leftBehind: n - sideConnected, logins: s.logins - s0.logins };
    }
    await sleep(50);
  }
}

async function baselineBaileys(simulator, logDir) {
  const side = await startBaileys({ label: 'baseline', authDirs: [], simulator, logDir });
  try {
    return await idleAndMemory(side, BASELINE_IDLE_SECONDS);
  } finally {
    await side.stop();
  }
}

async function baselineFleet(simulator, logDir) {
  const sessionsDir = path.join(BENCH_DIR, 'run', 'fleet-0');
  await rm(sessionsDir, { recursive: true, force: true });
  await mkdir(sessionsDir, { recursive: true });
  const side = await startFleet({ label: 'baseline', ids: ['EMPTY'], sessionsDir, ...WIDE_LIMITER, javaOptions: JAVA_OPTIONS, simulator, logDir });
  try {
    return await idleAndMemory(side, BASELINE_IDLE_SECONDS);
  } finally {
    await side.stop();
  }
}

async function runBaileys(simulator, n, contacts, logDir) {
  const authDirs = Array.from({ length: n }, (_, i) => baileysDir(BENCH_DIR, i));
  const side = await startBaileys({ label: `n${n}`, authDirs, simulator, logDir });
  try {
    const openAt = await side.allOpen(300_000);
    const restoreCpuSeconds = cpuSeconds(side.pid); // since spawn: less sensitive to a loaded machine than wall time
    const restoreSeconds = (openAt - side.startedAt) / 1000;
    const startupSeconds = (side.upAt - side.startedAt) / 1000;
    log(`Baileys N=${n}: all open ${restoreSeconds.toFixed(1)} s after process start; settling ${SETTLE_SECONDS} s, then idling ${IDLE_SECONDS} s`);
    const memory = await idleAndMemory(side, IDLE_SECONDS);
    const disk = await diskTotals(authDirs);
    const messages = await messagePhases(simulator, side, contacts, log);
    const stormResult = await storm(simulator, side, n);
    log(`Baileys N=${n}: storm back in ${stormResult.seconds} s, peak ${stormResult.peakInFlight} in flight`);
    return { restoreSeconds, restoreCpuSeconds, startupSeconds, ...memory, disk, messages, storm: stormResult, problems: side.unexpected().length };
  } finally {
    await side.stop();
  }
}

async function diskTotals(directories) {
  const total = { files: 0, bytes: 0, allocatedBytes: 0 };
  for (const directory of directories) {
    const usage = await diskUsage(directory);
    total.files += usage.files;
    total.bytes += usage.bytes;
    total.allocatedBytes += usage.allocatedBytes;
  }
  return total;
}

/** A sessions volume holding the first n paired slots (copied from the master, so every run starts alike). */
async function fleetVolume(n) {
  const sessionsDir = path.join(BENCH_DIR, 'run', `fleet-${n}`);
  await rm(sessionsDir, { recursive: true, force: true });
  await mkdir(sessionsDir, { recursive: true });
  const ids = Array.from({ length: n }, (_, i) => fleetId(i));
  for (const id of ids) {
    await cp(path.join(fleetMasterDir(BENCH_DIR), id), path.join(sessionsDir, id), { recursive: true });
  }
  return { sessionsDir, ids };
}

async function fleetRestore(simulator, n, limiter, label, logDir, then) {
  const { sessionsDir, ids } = await fleetVolume(n);
  const side = await startFleet({ label, ids, sessionsDir, ...limiter, javaOptions: JAVA_OPTIONS, simulator, logDir });
  try {
    // The gate grants perSecond tickets per sliding second and handshakes take milliseconds, so the n-th
    // grant comes (n - 1) / perSecond seconds after the first: that is the pace the limiter implies.
    const impliedSeconds = (n - 1) / limiter.perSecond;
    const connectedAt = await waitUntil(`${n} wa-fleet slots connected`, async () => (await side.connected()) === n, 120_000 + impliedSeconds * 2000, 100);
    const restoreCpuSeconds = cpuSeconds(side.pid); // since spawn: less sensitive to a loaded machine than wall time
    const restoreSeconds = (connectedAt - side.startedAt) / 1000;
    const startupSeconds = (side.upAt - side.startedAt) / 1000;
    const summary = await side.summary();
    log(`wa-fleet N=${n} (${label}): ${n} connected ${restoreSeconds.toFixed(1)} s after process start`);
    return { restoreSeconds, restoreCpuSeconds, startupSeconds, impliedSeconds, needsQr: summary.needs_qr, ...(then ? await then(side, sessionsDir) : {}) };
  } finally {
    await side.stop();
  }
}

async function runFleet(simulator, n, contacts, logDir) {
  const wide = await fleetRestore(simulator, n, WIDE_LIMITER, `n${n}-wide`, logDir, async (side, sessionsDir) => {
    log(`wa-fleet N=${n}: settling ${SETTLE_SECONDS} s, then idling ${IDLE_SECONDS} s`);
    const memory = await idleAndMemory(side, IDLE_SECONDS);
    if (JAVA_OPTIONS.some(o => o.startsWith('-XX:NativeMemoryTracking'))) {
      await writeFile(path.join(logDir, `fleet-n${n}-nmt.txt`), await jcmd(side.pid, 'VM.native_memory', 'summary'));
    }
    const gcName = (await jcmd(side.pid, 'VM.flags')).match(/-XX:\+Use(\w+GC)/)?.[1] ?? 'unknown';
    const disk = await diskUsage(sessionsDir);
    const messages = await messagePhases(simulator, side, contacts, log);
    const stormResult = await storm(simulator, side, n);
    log(`wa-fleet N=${n}: storm back in ${stormResult.seconds} s, peak ${stormResult.peakInFlight} in flight`);
    return { ...memory, disk, messages, storm: stormResult, gc: gcName };
  });
  let production;
  if (n <= DEFAULT_LIMITER_MAX_N) {
    production = await fleetRestore(simulator, n, PRODUCTION_LIMITER, `n${n}-production`, logDir);
  }
  return { wide, production };
}

/** The figures of a side that was not run: every reading NaN, so the table says n/a. */
function skipped() {
  const memory = { rss: NaN, heap: NaN, threads: NaN };
  return {
    restoreSeconds: NaN, restoreCpuSeconds: NaN, startupSeconds: NaN, idleCpuPerMinute: NaN, idle: memory, afterGc: memory,
    disk: { files: NaN, bytes: NaN, allocatedBytes: NaN }, storm: { seconds: NaN, peakInFlight: NaN, leftBehind: NaN },
    problems: 0, gc: 'not run'
  };
}

function machine() {
  const load = os.loadavg().map(l => l.toFixed(1)).join(' ');
  let java = '';
  try {
    const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    // java -version prints on stderr
    java = spawnSync(javaBin, ['-version'], { encoding: 'utf8' }).stderr.trim();
  } catch (error) {
    java = error.message;
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    commit = 'unknown';
  }
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    loadAtStart: load,
    node: process.version,
    java: java.split('\n').find(l => l.includes('Runtime')) ?? java,
    javaOptions: JAVA_OPTIONS.join(' '),
    messagesPerAccount: MESSAGES_PER_ACCOUNT,
    messageWarmup: WARMUP_PER_ACCOUNT,
    messageWarmupRate: WARMUP_RATE,
    messageRate: MESSAGE_RATE,
    settleSeconds: SETTLE_SECONDS,
    commit
  };
}

const maxN = Math.max(...counts);
await mkdir(BENCH_DIR, { recursive: true });
await mkdir(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const logDir = path.join(BENCH_DIR, 'logs', stamp);
await mkdir(logDir, { recursive: true });
const info = machine();
log(`bench dir ${BENCH_DIR}, logs ${logDir}; machine ${info.cores} cores, ${info.memoryGiB} GiB, load ${info.loadAtStart}`);

const simulator = await startSimulator({ command: simulatorCommand({ stateFile: path.join(BENCH_DIR, 'simulator-state.json') }) });
log(`simulator ${simulator.wsUrl} (pid ${simulator.pid})`);
const results = { machine: info, runs: [] };
const failures = []; // message phases that did not complete: the run fails after writing what it measured
try {
  const manifest = await prepare({ benchDir: BENCH_DIR, simulator, count: maxN, javaOptions: JAVA_OPTIONS, logDir, baileysWorkers: BAILEYS_PAIR_WORKERS,
    sides: ['baileys', 'fleet'].filter(runs) });
  results.pairing = manifest.pairing;
  log('baselines: an empty Baileys process and a wa-fleet server with one unlinked slot');
  results.baseline = {
    baileys: runs('baileys') ? await baselineBaileys(simulator, logDir) : skipped(),
    fleet: runs('fleet') ? await baselineFleet(simulator, logDir) : skipped()
  };
  const runSecond = Math.floor(Date.now() / 1000);
  let contactsMade = 0;
  for (const n of counts) {
    const contactsStarted = now();
    const contacts = await createContacts(simulator, runSecond, contactsMade, n);
    contactsMade += n;
    log(`N=${n}: ${n} new simulated contacts in ${((now() - contactsStarted) / 1000).toFixed(1)} s`);
    log(`N=${n}: Baileys`);
    const baileys = runs('baileys') ? await runBaileys(simulator, n, contacts, logDir) : skipped();
    log(`N=${n}: wa-fleet`);
    const fleet = runs('fleet') ? await runFleet(simulator, n, contacts, logDir) : { wide: skipped() };
    const run = { n, baileys, fleet };
    failures.push(...incomplete('Baileys', n, baileys.messages), ...incomplete('wa-fleet', n, fleet.wide.messages));
    results.runs.push(run);
    console.log(`\n${renderRun(run, results)}\n`);
    await writeFile(path.join(RESULTS_DIR, `fleet-bench-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  }
} finally {
  await simulator.stop();
}
const markdown = results.runs.map(run => renderRun(run, results)).join('\n\n');
await writeFile(path.join(RESULTS_DIR, `fleet-bench-${stamp}.md`), `${markdown}\n`);
log(`results: bench/results/fleet-bench-${stamp}.json and .md`);
if (failures.length > 0) {
  console.error(`\nFAILED: not every message was acked, so these phases have no figures:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
process.exit(0);
