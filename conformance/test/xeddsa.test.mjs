// The harness' own XEdDSA check, against signatures made by Baileys' libsignal (Curve.sign).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { Curve } from 'baileys';
import { xeddsaVerify } from '../lib/xeddsa.mjs';

const CASES = 100;

function signed(length) {
  const keyPair = Curve.generateKeyPair();
  const message = crypto.randomBytes(length);
  return { keyPair, message, signature: Buffer.from(Curve.sign(keyPair.private, message)) };
}

test(`accepts ${CASES} signatures made by libsignal, with 32- and 33-byte keys`, () => {
  for (let i = 0; i < CASES; i++) {
    const { keyPair, message, signature } = signed(i + 1);
    assert.equal(xeddsaVerify(keyPair.public, message, signature), true);
    assert.equal(xeddsaVerify(Buffer.concat([Buffer.from([5]), keyPair.public]), message, signature), true);
  }
});

test(`rejects ${CASES} tampered messages, signatures and keys`, () => {
  for (let i = 0; i < CASES; i++) {
    const { keyPair, message, signature } = signed(i + 1);
    const otherMessage = Buffer.from(message);
    otherMessage[i % message.length] ^= 1;
    const otherSignature = Buffer.from(signature);
    otherSignature[i % 64] ^= 1 << i % 8;
    assert.equal(xeddsaVerify(keyPair.public, otherMessage, signature), false);
    assert.equal(xeddsaVerify(keyPair.public, message, otherSignature), false);
    assert.equal(xeddsaVerify(Curve.generateKeyPair().public, message, signature), false);
  }
});

test('rejects malformed input instead of throwing', () => {
  const { keyPair, message, signature } = signed(10);
  assert.equal(xeddsaVerify(keyPair.public.subarray(1), message, signature), false);
  assert.equal(xeddsaVerify(keyPair.public, message, signature.subarray(1)), false);
  assert.equal(xeddsaVerify(crypto.randomBytes(64).subarray(0, 32).fill(0xff), message, signature), false);
});
