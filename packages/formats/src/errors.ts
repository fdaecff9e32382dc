import type { SealErrorCode } from './seal/seal-error.ts';

/**
 * The formats package's one error class, for misuse and for input that cannot be signed. Bad
 * credentials presented for *verification* never throw: they produce a result with a failing check.
 *
 * - CREDENTIAL_INVALID: not a JSON object, or missing what a VC 2.0 credential needs to be signed.
 * - CREDENTIAL_NOT_SIGNABLE: the signing library refused it (e.g. a term no context defines:
 *   safe mode, VC Data Model 2.0 §4.3; or a context that is not bundled).
 * - KEY_INVALID: the key pair or verification method cannot sign.
 * - CRYPTOSUITE_UNSUPPORTED: a signing cryptosuite other than eddsa-rdfc-2022 / eddsa-jcs-2022.
 */
export type FormatsErrorCode = 'CREDENTIAL_INVALID' | 'CREDENTIAL_NOT_SIGNABLE' | 'KEY_INVALID' | 'CRYPTOSUITE_UNSUPPORTED' | SealErrorCode;

export class FormatsError extends Error {
  override readonly name = 'FormatsError';
  constructor(
    readonly code: FormatsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
