// What Baileys rc14 cannot check (its signature checks are no-ops, protocol.md §0): the chain the
// simulator presents in its serverHello is a valid chain from the root key it announces, with
// the checks whatsmeow (and so wa-fleet's own client) performs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { proto } from 'baileys';
import { readServerHello } from '../lib/noise-probe.mjs';
import { startTrustedSimulator } from '../lib/scenarios.mjs';
import { xeddsaVerify } from '../lib/xeddsa.mjs';

let simulator;
let hello;

before(async () => {
  simulator = await startTrustedSimulator();
  hello = await readServerHello(simulator.wsUrl);
});

after(async () => {
  await simulator?.stop();
});

const details = certificate => proto.CertChain.NoiseCertificate.Details.decode(certificate.details);
const nowSeconds = () => Math.floor(Date.now() / 1000);

test('the intermediate certificate is signed by the announced root and names issuer serial 0', () => {
  const { intermediate } = hello.certChain;
  assert.ok(intermediate?.details && intermediate.signature, 'intermediate with details and signature');
  assert.equal(intermediate.signature.length, 64);
  assert.equal(
    xeddsaVerify(Buffer.from(simulator.rootKeyHex, 'hex'), intermediate.details, intermediate.signature),
    true,
    'XEdDSA signature by the root key'
  );
  const fields = details(intermediate);
  assert.equal(fields.issuerSerial ?? 0, 0);
  assert.equal(fields.key?.length, 32);
});

test('the leaf certificate is signed by the intermediate key and issued by its serial', () => {
  const { intermediate, leaf } = hello.certChain;
  assert.ok(leaf?.details && leaf.signature, 'leaf with details and signature');
  assert.equal(leaf.signature.length, 64);
  const issuer = details(intermediate);
  assert.equal(xeddsaVerify(issuer.key, leaf.details, leaf.signature), true, 'XEdDSA signature by the intermediate key');
  assert.equal(details(leaf).issuerSerial ?? 0, issuer.serial ?? 0);
});

test("the leaf certificate's key is the server's Noise static key", () => {
  assert.deepEqual(Buffer.from(details(hello.certChain.leaf).key), hello.serverStaticKey);
});

test('both certificates are valid now', () => {
  for (const [name, certificate] of Object.entries({ intermediate: hello.certChain.intermediate, leaf: hello.certChain.leaf })) {
    const { notBefore, notAfter } = details(certificate);
    assert.ok(Number(notBefore) <= nowSeconds(), `${name}.notBefore ${notBefore} is in the past`);
    assert.ok(Number(notAfter) >= nowSeconds(), `${name}.notAfter ${notAfter} is in the future`);
  }
});
