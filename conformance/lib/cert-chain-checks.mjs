// The checks whatsmeow makes on the serverHello's certificate chain (protocol.md §2.4), each as a
// named verdict, so that a test can say which one a deliberately broken chain fails.

import { proto } from 'baileys';
import { xeddsaVerify } from './xeddsa.mjs';

const decodeDetails = certificate => proto.CertChain.NoiseCertificate.Details.decode(certificate.details);

/**
 * @param {{rootKey: Buffer, serverStaticKey: Buffer, certChain: object, nowSeconds: number}} input
 * @returns {Record<string, boolean>} one entry per check; true = passed
 */
export function checkCertChain({ rootKey, serverStaticKey, certChain, nowSeconds }) {
  const { intermediate, leaf } = certChain;
  const intermediatePresent = Boolean(intermediate?.details?.length && intermediate.signature?.length);
  const leafPresent = Boolean(leaf?.details?.length && leaf.signature?.length);
  const issuer = intermediatePresent ? decodeDetails(intermediate) : undefined;
  const subject = leafPresent ? decodeDetails(leaf) : undefined;
  const validNow = fields =>
    fields !== undefined && Number(fields.notBefore) <= nowSeconds && nowSeconds <= Number(fields.notAfter);
  return {
    intermediatePresent,
    intermediateSignedByRoot: intermediatePresent && xeddsaVerify(rootKey, intermediate.details, intermediate.signature),
    intermediateIssuerIsRoot: intermediatePresent && (issuer.issuerSerial ?? 0) === 0,
    intermediateValidNow: validNow(issuer),
    leafPresent,
    leafSignedByIntermediate:
      leafPresent && intermediatePresent && issuer.key?.length === 32 && xeddsaVerify(issuer.key, leaf.details, leaf.signature),
    leafIssuerIsIntermediate: leafPresent && intermediatePresent && (subject.issuerSerial ?? 0) === (issuer.serial ?? 0),
    leafValidNow: validNow(subject),
    leafKeyIsServerStatic: leafPresent && Buffer.from(subject.key ?? []).equals(serverStaticKey)
  };
}
