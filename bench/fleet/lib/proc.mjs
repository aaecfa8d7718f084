// What the bench reads about a process from outside it: /proc for RSS and CPU time (the same source for the
// JVM and for Node, so the two sides are measured alike), jstat/jcmd for the JVM's heap, and the disk use of a
// directory tree.

import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

/** Threads of the process (the JVM's carriers, GC and compiler threads; Node's libuv pool). */
export function threadCount(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('Threads:'));
  return Number(line.split(/\s+/)[1]);
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; everything after its closing ')' is space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds per thread name (threads of one name summed: a pool counts once), from /proc/<pid>/task. */
export function cpuSecondsByThread(pid) {
  const byName = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/[-#]?\d+$/, '#');
      byName.set(name, (byName.get(name) ?? 0) + cpuSeconds(`${pid}/task/${tid}`));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return byName;
}

/** The threads that used the most CPU between two cpuSecondsByThread readings, as [name, seconds] pairs. */
export function topThreads(before, after, count = 8) {
  return [...after.entries()]
    .map(([name, seconds]) => [name, Math.round((seconds - (before.get(name) ?? 0)) * 100) / 100])
    .filter(([, seconds]) => seconds > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

function jdkTool(name) {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', name) : name;
}

/** Used Java heap in bytes: survivor + eden + old generation, as jstat -gc reports them (G1 and Serial alike). */
export async function javaHeapUsedBytes(pid) {
  const { stdout } = await run(jdkTool('jstat'), ['-gc', String(pid)]);
  const [header, values] = stdout.trim().split('\n').map(line => line.trim().split(/\s+/));
  const column = name => Number(values[header.indexOf(name)]);
  return (column('S0U') + column('S1U') + column('EU') + column('OU')) * 1024;
}

/** Metaspace used in bytes (class metadata: Spring's share of the fixed cost). */
export async function javaMetaspaceUsedBytes(pid) {
  const { stdout } = await run(jdkTool('jstat'), ['-gc', String(pid)]);
  const [header, values] = stdout.trim().split('\n').map(line => line.trim().split(/\s+/));
  return Number(values[header.indexOf('MU')]) * 1024;
}

/** A full collection (jcmd GC.run = System.gc()). */
export async function javaGc(pid) {
  await run(jdkTool('jcmd'), [String(pid), 'GC.run']);
}

/** jcmd <pid> <command...> output, for NMT summaries and the like. */
export async function jcmd(pid, ...command) {
  const { stdout } = await run(jdkTool('jcmd'), [String(pid), ...command], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Regular files under `root`: how many, their bytes, and the bytes the file system allocated for them. */
export async function diskUsage(root) {
  const totals = { files: 0, bytes: 0, allocatedBytes: 0 };
  const walk = async directory => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const child = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        await walk(child);
      } else if (entry.isFile()) {
        const stat = await lstat(child);
        totals.files += 1;
        totals.bytes += stat.size;
        totals.allocatedBytes += stat.blocks * 512;
      }
    }
  };
  await walk(root);
  return totals;
}
