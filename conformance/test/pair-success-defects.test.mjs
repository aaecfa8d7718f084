// Deliberately broken pair-success stanzas (POST /faults {"pairSuccessDefect"}): what Baileys rc14
// refuses (HMAC, missing <device>), what it accepts although a correct client must not (an account
// signature by the wrong key, caught here by the harness' own XEdDSA check), and how the control
// API reports a pairing the companion never countersigned.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DisconnectReason } from 'baileys';
import { connectBaileys, newAuthDir } from '../lib/baileys-session.mjs';
import { nextPhone, startTrustedSimulator } from '../lib/scenarios.mjs';
import { ControlApiError } from '../lib/simulator.mjs';
import { xeddsaVerify } from '../lib/xeddsa.mjs';

const ADV_ACCOUNT_SIGNATURE_PREFIX = Buffer.from([6, 0]);

let simulator;
const sessions = [];

before(async () => {
  simulator = await startTrustedSimulator();
});

afterEach(async () => {
  await simulator.faults({ pairSuccessDefect: null });
});

after(async () => {
  for (const session of sessions) {
    await session.end();
  }
  await simulator?.stop();
});

/** Shows Baileys a QR, lets the phone scan it; resolves with the session and the scan's outcome. */
async function scanWithDefect(defect) {
  await simulator.faults({ pairSuccessDefect: defect });
  const phone = nextPhone();
  await simulator.addPhone(phone);
  const session = await connectBaileys({ simulator, authDir: await newAuthDir(`defect-${defect}`) });
  sessions.push(session);
  const scan = await simulator.scan(phone, await session.waitForQr()).then(
    answer => ({ answer }),
    error => ({ error })
  );
  return { session, scan };
}

for (const [defect, message] of [
  ['BAD_HMAC', 'Invalid account signature'],
  ['MISSING_DEVICE', 'Missing device-identity or device in pair success node']
]) {
  test(`pairSuccessDefect ${defect}: Baileys refuses with 500 "${message}", the scan answers 409`, { timeout: 30_000 }, async () => {
    const { session, scan } = await scanWithDefect(defect);
    const close = await session.waitForClose();
    assert.equal(close.statusCode, DisconnectReason.badSession, session.describe());
    assert.equal(close.message, message);
    assert.ok(scan.error instanceof ControlApiError, `the scan must fail: ${JSON.stringify(scan.answer)}`);
    assert.equal(scan.error.status, 409, scan.error.message);
    assert.equal(session.creds.me, undefined, 'Baileys saved no identity');
  });
}

test('pairSuccessDefect BAD_ACCOUNT_SIGNATURE: Baileys pairs anyway, the signature does not verify', { timeout: 30_000 }, async () => {
  const { session, scan } = await scanWithDefect('BAD_ACCOUNT_SIGNATURE');
  const close = await session.waitForClose();
  assert.equal(close.statusCode, DisconnectReason.restartRequired, session.describe());
  assert.ok(scan.answer?.deviceJid, `the simulator completed the pairing: ${scan.error?.message}`);
  const { account, signedIdentityKey } = session.creds;
  const accountMessage = Buffer.concat([ADV_ACCOUNT_SIGNATURE_PREFIX, account.details, signedIdentityKey.public]);
  assert.equal(xeddsaVerify(account.accountSignatureKey, accountMessage, account.accountSignature), false);
});
