/**
 * The certificate module's one error class. `code` is stable and what tests and callers match on.
 * - INVALID_INPUT: the CertificateInput failed its schema (see `issues`).
 * - INVALID_SEAL_PNG: a seal image is not a PNG that pdfkit can embed.
 * - FONT_MISSING: a font package is not installed (run `npm ci`).
 */
export type CertificateErrorCode = 'INVALID_INPUT' | 'INVALID_SEAL_PNG' | 'FONT_MISSING';

export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
    readonly issues?: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}
