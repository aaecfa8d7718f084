// Item 7, messages: every account sends texts to its own simulated contact at one offered load, the same for
// both sides (lib/offered-load.mjs). A message's latency runs from the API call (the POST to the server; Baileys'
// sock.sendMessage) to the instant the simulator accepted the message and acked its sender (`acceptedAt` of the
// contact's decrypted copy, the same clock); CPU per message is the process' CPU time over the phase ÷ messages
// acked. Contacts never answer (Baileys rc14 loses Signal state when it sends and receives for one contact at
// once, conformance/README.md), so a session stays a pre-key session on both sides.
//
// Three phases per side: `first`, one message per account, which starts the Signal session (usync, bundle fetch,
// X3DH), reported on its own; `warmup`, WARMUP_PER_ACCOUNT more each at WARMUP_RATE, reported but not the
// target's: both sides' JITs compile the send path while it runs, each at its own pace (V8 after hundreds of
// calls, HotSpot's C2 after thousands), so without it the steady figures would weigh the compilers rather than
// what a service running for months pays per message; then `steady`, MESSAGES_PER_ACCOUNT more each at
// MESSAGE_RATE, the figures the target is about.
// A phase is complete only when every message was acked and decrypted by its contact; otherwise it carries
// `missing` and no figures, and the bench fails.

import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, cpuSecondsByThread, topThreads } from './proc.mjs';

export const MESSAGES_PER_ACCOUNT = Number(process.env.BENCH_MESSAGES ?? 5);
export const MESSAGE_RATE = Number(process.env.BENCH_MESSAGE_RATE ?? 20);
export const WARMUP_PER_ACCOUNT = Number(process.env.BENCH_MESSAGE_WARMUP ?? 4);
/**
 * The warm-up's offered load: by default the measured one. A faster warm-up reaches HotSpot's compile thresholds
 * sooner, but Baileys runs on one thread: at 500 accounts it needs ~26 ms of CPU per message, so 100/s is more
 * than a core and its host falls behind until the phase times out.
 */
export const WARMUP_RATE = Number(process.env.BENCH_MESSAGE_WARMUP_RATE ?? MESSAGE_RATE);
/** How long after the last scheduled call a message may still arrive before the phase counts as failed. */
const ACK_GRACE_MS = Number(process.env.BENCH_MESSAGE_GRACE_SECONDS ?? 60) * 1000;
const POLL_MS = 500;

if (!(Number.isInteger(MESSAGES_PER_ACCOUNT) && MESSAGES_PER_ACCOUNT >= 1) || !(MESSAGE_RATE > 0)) {
  throw new Error(`BENCH_MESSAGES must be a positive integer and BENCH_MESSAGE_RATE positive, not ${MESSAGES_PER_ACCOUNT} / ${MESSAGE_RATE}`);
}
if (!(Number.isInteger(WARMUP_PER_ACCOUNT) && WARMUP_PER_ACCOUNT >= 0) || !(WARMUP_RATE > 0)) {
  throw new Error(`BENCH_MESSAGE_WARMUP must be a non-negative integer and BENCH_MESSAGE_WARMUP_RATE positive, not ${WARMUP_PER_ACCOUNT} / ${WARMUP_RATE}`);
}

/**
 * A block of n new contacts for one N of this run, shared by the two sides (Baileys account i and wa-fleet slot
 * i both write to contact i, each in its own session). New numbers for every run: the simulator keeps contacts'
 * Signal sessions in memory only, while Baileys keeps its side in its auth folders, so a contact from an earlier
 * run would not decrypt what Baileys sends it. 15 digits: 1559, the run's second modulo 10^6, and a serial
 * number within the run (`from` onwards), so each N of a run has its own.
 */
export async function createContacts(simulator, runSecond, from, n) {
  const run = String(runSecond % 1_000_000).padStart(6, '0');
  const phones = Array.from({ length: n }, (_, i) => `1559${run}${String(from + i).padStart(5, '0')}`);
  await simulator.addContacts(phones.map(phone => `+${phone}`)); // one write of the state file for all
  return phones;
}

/** Nearest-rank percentile of a sorted array. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** An ISO-8601 instant with up to nanoseconds (the simulator's) as epoch milliseconds, fraction kept. */
export function instantMillis(iso) {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!match) {
    throw new Error(`not an ISO-8601 UTC instant: ${iso}`);
  }
  return Date.parse(`${match[1]}Z`) + Number(`0.${match[2] ?? '0'}`) * 1000;
}

/**
 * Waits until every sent id shows up in its contact's decrypted messages, or the deadline passes.
 * Returns id → acceptedAt (epoch ms) for those found.
 */
async function awaitAccepted(simulator, expected, deadline) {
  const accepted = new Map();
  const outstanding = new Map(); // contact phone → ids not seen yet
  for (const { to, id } of expected) {
    outstanding.set(to, [...(outstanding.get(to) ?? []), id]);
  }
  for (;;) {
    for (const [phone, ids] of outstanding) {
      const received = new Map((await simulator.contactMessages(`+${phone}`)).map(m => [m.id, m]));
      const left = ids.filter(id => {
        const message = received.get(id);
        if (message) {
          accepted.set(id, { acceptedAt: instantMillis(message.acceptedAt), encryption: message.encryption });
        }
        return !message;
      });
      left.length > 0 ? outstanding.set(phone, left) : outstanding.delete(phone);
    }
    if (outstanding.size === 0 || Date.now() > deadline) {
      return accepted;
    }
    await sleep(POLL_MS);
  }
}

/**
 * One phase: `rounds` messages per account, round-robin over the accounts (account i's messages are n / rate
 * seconds apart), all at `rate` per second in total.
 */
async function phase(simulator, side, { label, contacts, rounds, rate }) {
  const n = contacts.length;
  const plan = Array.from({ length: n * rounds }, (_, k) => ({
    account: k % n,
    to: contacts[k % n],
    text: `bench ${label} ${side.kind} account ${k % n} message ${Math.floor(k / n) + 1}`
  }));
  const stats0 = await simulator.stats();
  const cpu0 = cpuSeconds(side.pid);
  const threads0 = cpuSecondsByThread(side.pid);
  const started = Date.now();
  const results = await side.sendMessages({ ratePerSecond: rate, messages: plan });
  const refused = results.filter(r => r.error);
  const sent = results.map((r, k) => ({ ...r, to: plan[k].to })).filter(r => !r.error);
  const deadline = started + (plan.length * 1000) / rate + ACK_GRACE_MS;
  const accepted = await awaitAccepted(simulator, sent, deadline);
  const cpu = cpuSeconds(side.pid) - cpu0;
  const busiestThreads = topThreads(threads0, cpuSecondsByThread(side.pid));
  const wallSeconds = (Date.now() - started) / 1000;
  const stats1 = await simulator.stats();
  const base = {
    label,
    messages: plan.length,
    ratePerSecond: rate,
    acked: accepted.size,
    decryptFailures: stats1.decryptFailures - stats0.decryptFailures,
    wallSeconds
  };
  const missing = plan.length - accepted.size;
  if (missing > 0) {
    const examples = [...refused.slice(0, 3).map(r => r.error), ...sent.filter(r => !accepted.has(r.id)).slice(0, 3).map(r => `id ${r.id} never acked`)];
    return { ...base, complete: false, missing, refused: refused.length, examples };
  }
  const latencies = sent.map(r => accepted.get(r.id).acceptedAt - r.calledAt).sort((a, b) => a - b);
  const encryptions = {};
  for (const { encryption } of accepted.values()) {
    encryptions[encryption] = (encryptions[encryption] ?? 0) + 1;
  }
  return {
    ...base,
    complete: true,
    cpuSeconds: cpu,
    cpuMsPerMessage: (cpu * 1000) / plan.length,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1), min: latencies[0] },
    encryptions,
    busiestThreads
  };
}

/**
 * The first message per account (new session), the warm-up block, then the steady phase; each phase runs only
 * after a complete one before it. With BENCH_MESSAGE_WARMUP=0 the warm-up is skipped (and reported as not run).
 */
export async function messagePhases(simulator, side, contacts, log) {
  const plan = [
    { label: 'first', rounds: 1, rate: MESSAGE_RATE },
    { label: 'warmup', rounds: WARMUP_PER_ACCOUNT, rate: WARMUP_RATE },
    { label: 'steady', rounds: MESSAGES_PER_ACCOUNT, rate: MESSAGE_RATE }
  ];
  const results = {};
  let previousComplete = true;
  for (const { label, rounds, rate } of plan) {
    if (rounds === 0 || !previousComplete) {
      results[label] = { label, complete: false, notRun: true };
      continue;
    }
    results[label] = await phase(simulator, side, { label, contacts, rounds, rate });
    log(`${side.kind} N=${contacts.length}: ${label} messages ${describe(results[label])}`);
    previousComplete = results[label].complete;
  }
  return results;
}

function describe(result) {
  return result.complete
    ? `${result.messages} acked, CPU ${result.cpuMsPerMessage.toFixed(2)} ms/message, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms`
    : `FAILED: ${result.missing} of ${result.messages} never acked (${result.refused} refused by the API); ${JSON.stringify(result.examples)}`;
}

/** The phases of one side that did not complete, as sentences; empty when all did (a warm-up of 0 is not a failure). */
export function incomplete(kind, n, messages) {
  return Object.values(messages ?? {})
    .filter(result => !result.complete && !(result.notRun && result.label === 'warmup' && WARMUP_PER_ACCOUNT === 0))
    .map(result => (result.notRun ? `${kind} N=${n}: ${result.label} messages not run` : `${kind} N=${n}: ${result.label} messages: ${result.missing} of ${result.messages} never acked`));
}
