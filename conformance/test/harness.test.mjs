// The harness' own process handling, checked against a stand-in simulator (fixtures/), so it is
// known to work before the real simulator exists and keeps working when a scenario fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ControlApiError, simulatorCommand, startSimulator } from '../lib/simulator.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAKE = path.join(ROOT, 'fixtures', 'fake-simulator.mjs');
const fake = mode => [process.execPath, FAKE, mode];
const started = [];

after(async () => {
  await Promise.all(started.map(simulator => simulator.stop()));
});

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilDead(pid, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await sleep(50);
  }
  return !isAlive(pid);
}

test('parses the announcement, calls the control API and stops the process', async () => {
  const simulator = await startSimulator({ command: fake('serve') });
  started.push(simulator);
  assert.equal(simulator.wsUrl, 'ws://127.0.0.1:1/ws/chat');
  assert.match(simulator.controlUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(simulator.rootKeyHex, 'ab'.repeat(32));

  assert.deepEqual(await simulator.devices(), { method: 'GET', path: '/devices', body: null });
  assert.deepEqual(await simulator.scan('+15550001', 'qr-text'), {
    method: 'POST',
    path: '/phones/+15550001/scan',
    body: { qr: 'qr-text' }
  });
  assert.deepEqual(await simulator.streamError('15550001:1@s.whatsapp.net', 440), {
    method: 'POST',
    path: '/devices/15550001:1@s.whatsapp.net/stream-error',
    body: { code: 440 }
  });
  assert.deepEqual((await simulator.ban('15550001:1@s.whatsapp.net')).body, {});
  assert.deepEqual((await simulator.silence('15550001:1@s.whatsapp.net', 20)).body, { seconds: 20 });

  await simulator.stop();
  assert.equal(simulator.running, false);
  assert.equal(await waitUntilDead(simulator.pid), true);
});

test('a control call answered with an HTTP error fails with status and body', async () => {
  const simulator = await startSimulator({ command: fake('serve') });
  started.push(simulator);
  const error = await simulator.drop('missing').then(
    () => assert.fail('the call should have failed'),
    e => e
  );
  assert.ok(error instanceof ControlApiError);
  assert.equal(error.status, 404);
  assert.match(error.message, /POST http:\/\/127\.0\.0\.1:\d+\/devices\/missing\/drop -> HTTP 404: no such thing/);
  await simulator.stop();
});

test('a simulator that never announces itself is killed after the start timeout', async () => {
  const error = await startSimulator({ command: fake('silent'), startTimeoutMs: 1500 }).then(
    () => assert.fail('start should have failed'),
    e => e
  );
  assert.match(error.message, /no announcement within 1500 ms/);
  const pid = Number(/fake simulator pid (\d+)/.exec(error.message)[1]);
  assert.equal(await waitUntilDead(pid), true);
});

test('a simulator that exits at start-up fails with its exit code and output', async () => {
  await assert.rejects(startSimulator({ command: fake('crash') }), /exited \(code 3.*cannot bind port/s);
});

test('a simulator that ignores SIGTERM is killed anyway', async () => {
  const simulator = await startSimulator({ command: fake('stubborn') });
  await simulator.stop();
  assert.equal(await waitUntilDead(simulator.pid), true);
});

test('the simulator dies with the test process, even on an uncaught exception', async () => {
  const script = `
    import { startSimulator } from ${JSON.stringify(path.join(ROOT, 'lib', 'simulator.mjs'))};
    const simulator = await startSimulator({ command: ${JSON.stringify(fake('serve'))} });
    console.log('pid ' + simulator.pid);
    throw new Error('a failing test');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  const exitCode = await new Promise(resolve => child.once('exit', resolve));
  assert.notEqual(exitCode, 0);
  const pid = Number(/pid (\d+)/.exec(stdout)[1]);
  assert.equal(await waitUntilDead(pid), true);
});

test('a missing jar is reported with its path and how to build it', () => {
  assert.throws(() => simulatorCommand({ jar: '/nonexistent/wa-simulator.jar' }), /\/nonexistent\/wa-simulator\.jar.*-pl simulator/s);
});
