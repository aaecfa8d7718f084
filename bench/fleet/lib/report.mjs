// One Markdown table per N: wa-fleet, Baileys, the ratio wa-fleet / Baileys, and the target.

const MiB = 1024 * 1024;
const KiB = 1024;

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (fleet, baileys) => (Number.isFinite(fleet) && Number.isFinite(baileys) && baileys > 0 ? fleet / baileys : NaN);

function row(label, fleet, baileys, digits, target = '', fleetText, baileysText) {
  const r = ratio(fleet, baileys);
  return `| ${label} | ${fleetText ?? fixed(fleet, digits)} | ${baileysText ?? fixed(baileys, digits)} | ${Number.isFinite(r) ? r.toFixed(3) : '—'} | ${target} |`;
}

const perAccount = (value, base, n) => (value - base) / n;

/** A figure of one message phase: its value, or NaN with why (phase failed or not run; side not run: n/a). */
function messageFigure(messages, phaseName, pick) {
  const phase = messages?.[phaseName];
  if (!phase) {
    return { value: NaN };
  }
  if (!phase.complete) {
    return { value: NaN, text: phase.notRun ? 'not run' : `FAILED: ${phase.missing} of ${phase.messages} never acked` };
  }
  return { value: pick(phase) };
}

function messageRow(label, fleetMessages, baileysMessages, phaseName, pick, digits, target = '') {
  const fleet = messageFigure(fleetMessages, phaseName, pick);
  const baileys = messageFigure(baileysMessages, phaseName, pick);
  return row(label, fleet.value, baileys.value, digits, target, fleet.text, baileys.text);
}

function messageRows(fleetMessages, baileysMessages, machine) {
  const load = `${machine.messagesPerAccount} per account at ${machine.messageRate}/s in all, after ${machine.messageWarmup ?? 0} warm-up`;
  const rows = (phaseName, what) => [
    messageRow(`messages, ${what}: CPU per message (ms)`, fleetMessages, baileysMessages, phaseName, p => p.cpuMsPerMessage, 2, phaseName === 'steady' ? '≤ 0.25' : ''),
    messageRow(`messages, ${what}: latency p50, API call → simulator ack (ms)`, fleetMessages, baileysMessages, phaseName, p => p.latencyMs.p50, 1),
    messageRow(`messages, ${what}: latency p99 (ms)`, fleetMessages, baileysMessages, phaseName, p => p.latencyMs.p99, 1, phaseName === 'steady' ? '≤ 1 (p99 ≤ Baileys\')' : '')
  ];
  return [
    ...rows('steady', load),
    ...rows('warmup', `warm-up, ${machine.messageWarmup ?? 0} per account at ${machine.messageWarmupRate ?? machine.messageRate}/s (JIT still compiling; not the target's)`),
    ...rows('first', `first per account (starts the session; at ${machine.messageRate}/s)`)
  ];
}

function messageNotes(fleetMessages, baileysMessages) {
  const note = (kind, messages) => {
    const steady = messages?.steady;
    if (!steady?.complete) {
      return undefined;
    }
    return `${kind} ${steady.messages} messages in ${steady.wallSeconds.toFixed(1)} s, ${steady.cpuSeconds.toFixed(2)} CPU s, max latency ` +
      `${steady.latencyMs.max.toFixed(1)} ms, as ${JSON.stringify(steady.encryptions)}, busiest threads ${JSON.stringify(steady.busiestThreads)}`;
  };
  const notes = [note('wa-fleet', fleetMessages), note('Baileys', baileysMessages)].filter(Boolean);
  return notes.length > 0 ? ['', `messages, steady phase: ${notes.join('; ')}`] : [];
}

export function renderRun({ n, baileys, fleet }, { machine, baseline, pairing }) {
  const wide = fleet.wide;
  const lines = [
    `### N = ${n}`,
    '',
    `${machine.date.slice(0, 16)}Z, ${machine.cores} cores / ${machine.memoryGiB} GiB (shared; load ${machine.loadAtStart} at start), ` +
      `commit ${machine.commit}, ${machine.java}, JVM flags \`${machine.javaOptions}\` (${wide.gc}), Node ${machine.node}` +
      (machine.settleSeconds > 0 ? `; idle windows start ${machine.settleSeconds} s after the restore` : ''),
    '',
    '| metric | wa-fleet | Baileys | ratio | target |',
    '|---|---:|---:|---:|---|',
    row('restore: process start → all connected (s), limiter wide / Baileys', wide.restoreSeconds, baileys.restoreSeconds, 1, '≤ 0.25'),
    row('  of which process start until connecting begins (s; Spring context / Baileys loaded)', wide.startupSeconds, baileys.startupSeconds, 1),
    row('  of which connecting (s)', wide.restoreSeconds - wide.startupSeconds, baileys.restoreSeconds - baileys.startupSeconds, 1),
    row('restore CPU seconds, process start → all connected (limiter wide)', wide.restoreCpuSeconds, baileys.restoreCpuSeconds, 1),
    fleet.production
      ? `| restore, production limiter (3 in flight, 1/s) (s) | ${fixed(fleet.production.restoreSeconds)} (connecting ${fixed(fleet.production.restoreSeconds - fleet.production.startupSeconds)}) | — | — | connecting ≤ 1.1 × ${fixed(fleet.production.impliedSeconds)} s implied |`
      : `| restore, production limiter (3 in flight, 1/s) (s) | not run at this N | — | — | connecting ${fixed(n - 1)} s implied |`,
    row(`RSS after ${n} connected + idle (MiB)`, wide.idle.rss / MiB, baileys.idle.rss / MiB, 1),
    row('heap used after idle (MiB)', wide.idle.heap / MiB, baileys.idle.heap / MiB, 1),
    row('RSS after forced GC (MiB)', wide.afterGc.rss / MiB, baileys.afterGc.rss / MiB, 1),
    row('heap used after forced GC (MiB)', wide.afterGc.heap / MiB, baileys.afterGc.heap / MiB, 1),
    row('RSS(0) baseline after forced GC (MiB)', baseline.fleet.afterGc.rss / MiB, baseline.baileys.afterGc.rss / MiB, 1),
    row(
      'RSS per account, idle: (RSS(N) − RSS(0)) / N (KiB)',
      perAccount(wide.idle.rss, baseline.fleet.idle.rss, n) / KiB,
      perAccount(baileys.idle.rss, baseline.baileys.idle.rss, n) / KiB,
      0,
      '≤ 0.1'
    ),
    row(
      'RSS per account after GC (KiB)',
      perAccount(wide.afterGc.rss, baseline.fleet.afterGc.rss, n) / KiB,
      perAccount(baileys.afterGc.rss, baseline.baileys.afterGc.rss, n) / KiB,
      0,
      '≤ 0.1'
    ),
    row(
      'live heap per account after GC (KiB)',
      perAccount(wide.afterGc.heap, baseline.fleet.afterGc.heap, n) / KiB,
      perAccount(baileys.afterGc.heap, baseline.baileys.afterGc.heap, n) / KiB,
      1
    ),
    row('threads', wide.idle.threads, baileys.idle.threads, 0),
    row(`idle CPU (CPU s per minute, ${n} idle accounts)`, wide.idleCpuPerMinute, baileys.idleCpuPerMinute, 2, n >= 500 ? '≤ 0.1 and ≤ 1 s/min' : '≤ 0.1'),
    row('idle CPU above the empty process (CPU s/min)', wide.idleCpuPerMinute - baseline.fleet.idleCpuPerMinute, baileys.idleCpuPerMinute - baseline.baileys.idleCpuPerMinute, 2, '≤ 0.1'),
    row('files per account on disk', wide.disk.files / n, baileys.disk.files / n, 1, '≤ 20'),
    row('bytes per account (KB, file sizes)', wide.disk.bytes / n / 1000, baileys.disk.bytes / n / 1000, 1, '≤ 300 KB'),
    row('bytes per account (KB, allocated blocks)', wide.disk.allocatedBytes / n / 1000, baileys.disk.allocatedBytes / n / 1000, 1),
    row('reconnect storm: drop all → all back (s)', wide.storm.seconds, baileys.storm.seconds, 1, 'within the restore bound'),
    row('storm: peak handshakes in flight (simulator)', wide.storm.peakInFlight, baileys.storm.peakInFlight, 0),
    row('storm: accounts left behind', wide.storm.leftBehind, baileys.storm.leftBehind, 0, '0'),
    row(
      `pairing CPU per newly linked account (s; ${pairing.fleet?.paired ?? '?'} / ${pairing.baileys?.paired ?? '?'} paired)`,
      pairing.fleet?.cpuSecondsPerAccount,
      pairing.baileys?.cpuSecondsPerAccount,
      3,
      '≤ 0.1'
    ),
    ...messageRows(wide.messages, baileys.messages, machine)
  ];
  lines.push(...messageNotes(wide.messages, baileys.messages));
  if (baileys.problems > 0 || (fleet.production?.needsQr ?? 0) > 0) {
    lines.push('', `Anomalies: Baileys unexpected QR/logout/errors ${baileys.problems}; wa-fleet slots asking for a QR ${fleet.production?.needsQr ?? 0}.`);
  }
  return lines.join('\n');
}
