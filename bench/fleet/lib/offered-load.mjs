// The offered load of the messages item, shared by both sides so they are driven alike: calls start on a
// fixed schedule (open loop: the k-th at start + k / rate, whether or not earlier ones finished), and each
// call's start is taken on the wall clock the simulator's timestamps use.

import { setTimeout as sleep } from 'node:timers/promises';

/** Milliseconds since the epoch with sub-millisecond resolution (Date.now() has whole milliseconds only). */
export const wallClockMillis = () => performance.timeOrigin + performance.now();

/**
 * Calls `call(k)` for k = 0 … count − 1, the k-th at start + k / ratePerSecond; resolves with one result per
 * call, in order: {calledAt, ...what call resolved with} or {calledAt, error}.
 */
export async function offerAtRate(count, ratePerSecond, call) {
  const start = wallClockMillis();
  const pending = [];
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / ratePerSecond;
    const wait = due - wallClockMillis();
    if (wait > 0) {
      await sleep(wait);
    }
    const calledAt = wallClockMillis();
    pending.push(
      Promise.resolve()
        .then(() => call(k))
        .then(
          result => ({ calledAt, ...result }),
          error => ({ calledAt, error: String(error?.message ?? error) })
        )
    );
  }
  return Promise.all(pending);
}
