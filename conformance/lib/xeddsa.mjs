// An XEdDSA signature check that does not depend on Baileys: rc14's own check (Curve.verify)
// accepts every signature (protocol.md §0), so the harness verifies the simulator's signatures
// itself. A Curve25519 (Montgomery) public key u maps to the Edwards point with
// y = (u - 1) / (u + 1) mod p; XEdDSA keeps the sign of x in the top bit of the signature's last
// byte. With that bit moved into the key, the signature is a plain Ed25519 signature, which
// node:crypto verifies.

import crypto from 'node:crypto';

const P = 2n ** 255n - 19n;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function modPow(base, exponent) {
  let result = 1n;
  let b = base % P;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function littleEndianToBigInt(bytes) {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

function bigIntToLittleEndian(value, length) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/**
 * @param {Uint8Array} publicKey 32-byte Curve25519 key, or 33 bytes with the 0x05 type prefix
 * @returns {boolean} whether `signature` (64 bytes) is a valid XEdDSA signature of `message`
 */
export function xeddsaVerify(publicKey, message, signature) {
  const key = publicKey.length === 33 && publicKey[0] === 5 ? publicKey.subarray(1) : publicKey;
  if (key.length !== 32 || signature.length !== 64) {
    return false;
  }
  const u = littleEndianToBigInt(Buffer.from(key)) & ((1n << 255n) - 1n);
  if (u >= P || (u + 1n) % P === 0n) {
    return false;
  }
  const y = ((u - 1n + P) * modPow(u + 1n, P - 2n)) % P;
  const edwardsKey = bigIntToLittleEndian(y, 32);
  edwardsKey[31] |= signature[63] & 0x80;
  const ed25519Signature = Buffer.from(signature);
  ed25519Signature[63] &= 0x7f;
  try {
    const keyObject = crypto.createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, edwardsKey]),
      format: 'der',
      type: 'spki'
    });
    return crypto.verify(null, Buffer.from(message), keyObject, ed25519Signature);
  } catch {
    return false; // not a point on the curve
  }
}
