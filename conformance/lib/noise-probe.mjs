// The first half of a Noise XX handshake (client side), to read what the simulator presents:
// its static key and certificate chain. Baileys decrypts both but checks almost nothing
// (protocol.md §2.4), so the harness looks at them itself. Written from protocol.md §2.2-2.3.

import crypto from 'node:crypto';
import WebSocket from 'ws';
import { Curve, proto } from 'baileys';

const NOISE_PROTOCOL_NAME = Buffer.from('Noise_XX_25519_AESGCM_SHA256\0\0\0\0'); // exactly 32 bytes
const WA_INTRO = Buffer.from([0x57, 0x41, 6, 3]);

class HandshakeState {
  hash = NOISE_PROTOCOL_NAME;
  chainingKey = NOISE_PROTOCOL_NAME;
  key = Buffer.alloc(32);
  nonce = 0;

  mixHash(data) {
    this.hash = crypto.createHash('sha256').update(this.hash).update(data).digest();
  }

  mixKey(inputKeyMaterial) {
    const out = Buffer.from(crypto.hkdfSync('sha256', inputKeyMaterial, this.chainingKey, Buffer.alloc(0), 64));
    this.chainingKey = out.subarray(0, 32);
    this.key = out.subarray(32);
    this.nonce = 0;
  }

  decryptAndHash(ciphertext) {
    const iv = Buffer.alloc(12);
    iv.writeUInt32BE(this.nonce++, 8);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(this.hash);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const plaintext = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    this.mixHash(ciphertext);
    return plaintext;
  }
}

function frame(payload) {
  const header = Buffer.alloc(3);
  header.writeUIntBE(payload.length, 0, 3);
  return Buffer.concat([header, payload]);
}

/**
 * Connects, sends a clientHello, decrypts the serverHello and disconnects.
 * @returns {Promise<{serverStaticKey: Buffer, certChain: object}>} certChain as decoded by WAProto
 */
export async function readServerHello(wsUrl, timeoutMs = 10_000) {
  const ephemeral = Curve.generateKeyPair();
  const state = new HandshakeState();
  state.mixHash(WA_INTRO);
  state.mixHash(ephemeral.public);

  const ws = new WebSocket(wsUrl, { origin: 'https://web.whatsapp.com' });
  try {
    const serverHelloFrame = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no serverHello within ${timeoutMs} ms`)), timeoutMs);
      let received = Buffer.alloc(0);
      ws.on('error', error => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', () => {
        clearTimeout(timer);
        reject(new Error('the simulator closed the WebSocket before its serverHello'));
      });
      ws.on('open', () => {
        const hello = proto.HandshakeMessage.encode({ clientHello: { ephemeral: ephemeral.public } }).finish();
        ws.send(Buffer.concat([WA_INTRO, frame(Buffer.from(hello))]));
      });
      ws.on('message', data => {
        received = Buffer.concat([received, Buffer.from(data)]);
        if (received.length >= 3 && received.length >= 3 + received.readUIntBE(0, 3)) {
          clearTimeout(timer);
          resolve(received.subarray(3, 3 + received.readUIntBE(0, 3)));
        }
      });
    });
    const { serverHello } = proto.HandshakeMessage.decode(serverHelloFrame);
    if (!serverHello?.ephemeral || !serverHello.static || !serverHello.payload) {
      throw new Error('the first server frame is not a complete serverHello');
    }
    const serverEphemeral = Buffer.from(serverHello.ephemeral);
    state.mixHash(serverEphemeral);
    state.mixKey(Curve.sharedKey(ephemeral.private, serverEphemeral));
    const serverStaticKey = state.decryptAndHash(Buffer.from(serverHello.static));
    state.mixKey(Curve.sharedKey(ephemeral.private, serverStaticKey));
    const certChain = proto.CertChain.decode(state.decryptAndHash(Buffer.from(serverHello.payload)));
    return { serverStaticKey, certChain };
  } finally {
    ws.terminate();
  }
}
