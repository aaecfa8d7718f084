// What Baileys rc14 cannot check (its signature checks are no-ops, protocol.md §0): the chain the
// simulator presents in its serverHello is a valid chain from the root key it announces, by the
// checks whatsmeow (and so wa-fleet's own client) makes; and each deliberately broken chain
// (POST /faults {"certChainDefect"}) fails exactly the check it is meant to, while Baileys
// reacts as protocol.md §13 measured.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkCertChain } from '../lib/cert-chain-checks.mjs';
import { connectBaileys } from '../lib/baileys-session.mjs';
import { readServerHello } from '../lib/noise-probe.mjs';
import { linkNewDevice, startTrustedSimulator } from '../lib/scenarios.mjs';

let simulator;
let device;
const sessions = [];

before(async () => {
  simulator = await startTrustedSimulator();
  device = await linkNewDevice(simulator, 'cert-chain');
});

after(async () => {
  for (const session of sessions) {
    await session.end();
  }
  await simulator?.stop();
});

async function checksOfPresentedChain() {
  const { serverStaticKey, certChain } = await readServerHello(simulator.wsUrl);
  return checkCertChain({
    rootKey: Buffer.from(simulator.rootKeyHex, 'hex'),
    serverStaticKey,
    certChain,
    nowSeconds: Math.floor(Date.now() / 1000)
  });
}

const failed = checks => Object.keys(checks).filter(name => !checks[name]);

test('the chain passes every check: root -> intermediate (issuer 0) -> leaf = Noise static key, valid now', async () => {
  assert.deepEqual(failed(await checksOfPresentedChain()), []);
});

// defect -> [the checks it must fail, what Baileys rc14 does with it]
const DEFECTS = {
  SIGNED_BY_UNTRUSTED_ROOT: [['intermediateSignedByRoot'], { opens: true }],
  INTERMEDIATE_ISSUER_NOT_ROOT: [['intermediateIssuerIsRoot'], { statusCode: 400, message: 'certification match failed' }],
  GARBAGE_LEAF_SIGNATURE: [['leafSignedByIntermediate'], { opens: true }],
  WRONG_LEAF_ISSUER_SERIAL: [['leafIssuerIsIntermediate'], { opens: true }],
  EXPIRED: [['intermediateValidNow', 'leafValidNow'], { opens: true }],
  LEAF_KEY_NOT_SERVER_STATIC: [['leafKeyIsServerStatic'], { opens: true }],
  MISSING_LEAF: [
    ['leafPresent', 'leafSignedByIntermediate', 'leafIssuerIsIntermediate', 'leafValidNow', 'leafKeyIsServerStatic'],
    { statusCode: 400, message: 'invalid noise leaf certificate' }
  ]
};

for (const [defect, [expectedFailures, baileys]] of Object.entries(DEFECTS)) {
  const reaction = baileys.opens ? 'Baileys logs in anyway' : `Baileys closes ${baileys.statusCode}`;
  test(`certChainDefect ${defect} fails ${expectedFailures.join(', ')}; ${reaction}`, { timeout: 30_000 }, async () => {
    await simulator.faults({ certChainDefect: defect });
    try {
      assert.deepEqual(failed(await checksOfPresentedChain()), expectedFailures);

      const session = await connectBaileys({ simulator, authDir: device.authDir });
      sessions.push(session);
      if (baileys.opens) {
        await session.waitForOpen();
        await session.end();
      } else {
        const close = await session.waitForClose();
        assert.equal(close.statusCode, baileys.statusCode, session.describe());
        assert.equal(close.message, baileys.message);
      }
    } finally {
      await simulator.faults({ certChainDefect: null });
    }
  });
}
