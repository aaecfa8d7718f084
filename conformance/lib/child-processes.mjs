// Every process the harness starts is registered here, so that none outlives the test process:
// a failed assertion, an uncaught exception, Ctrl-C or the test runner's SIGTERM all end them.
// Orphaned simulators would hold ports and memory on a shared CI machine for hours.

const live = new Set();

function killAll(signal) {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone between the check and the kill
      }
    }
  }
}

// 'exit' handlers must be synchronous: SIGKILL is the only signal that needs no further waiting.
process.on('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll('SIGKILL');
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
  });
}

/** Keeps `child` on the kill list until it exits by itself. */
export function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * Ends `child` politely (SIGTERM), then forcibly (SIGKILL) after `graceMs`.
 * Resolves once the process has exited; never rejects.
 */
export function terminate(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
