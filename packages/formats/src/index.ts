export { signCredentialDi } from './di/sign-credential-di.ts';
export type { SignDiOptions } from './di/sign-credential-di.ts';
export { verifyCredentialDi } from './di/verify-credential-di.ts';
export { signPresentationDi } from './di/sign-presentation-di.ts';
export type { SignPresentationDiOptions } from './di/sign-presentation-di.ts';
export { verifyPresentationDi } from './di/verify-presentation-di.ts';
export type { VerifyPresentationDiOptions, PresentationProofResult } from './di/verify-presentation-di.ts';
export { signCredentialJwt } from './jwt/sign-credential-jwt.ts';
export type { SignJwtOptions } from './jwt/sign-credential-jwt.ts';
export { verifyCredentialJwt } from './jwt/verify-credential-jwt.ts';
export { verifyFullRecord, decodeFullRecord } from './verify-full-record.ts';
export { lpEddsaRdfc2022 } from './lib/lp-cryptosuite.ts';
export type { SigningCryptosuite } from './lib/signing-suite.ts';
export { MAX_FULL_RECORD_BYTES } from './lib/limits.ts';
export { isVc1, profileViewOf, VC_V1_CONTEXT } from './lib/vc-data-model.ts';
export { FormatsError } from './errors.ts';
export type { FormatsErrorCode } from './errors.ts';
export type {
  FullRecordResult,
  DocumentLoader,
  StatusCheck,
  ProfileCheck,
  CommonVerifyOptions,
  VerifyDiOptions,
  VerifyJwtOptions,
  VerifyFullRecordOptions,
  JwtAlgorithm,
  JwtKeyCandidate,
  JwtKeyQuery,
} from './types.ts';
// QR seal (COSE_Sign1 + zlib + base45, prefix LP1:): src/seal/CLAIMS.md
export { createSealClaims } from './seal/create-seal-claims.ts';
export type { CatalogueLike, CatalogueEntryLike, CreateSealClaimsOptions } from './seal/create-seal-claims.ts';
export { encodeSeal } from './seal/encode-seal.ts';
export type { EncodeSealOptions } from './seal/encode-seal.ts';
export { decodeSeal, SEAL_LIMITS } from './seal/decode-seal.ts';
export type { DecodedSeal } from './seal/decode-seal.ts';
export { verifySealSignature } from './seal/verify-seal-signature.ts';
export type { SealVerifyFn } from './seal/verify-seal-signature.ts';
export { assertSealFitsQr, sealQrVersion, SEAL_MAX_QR_VERSION } from './seal/assert-seal-fits-qr.ts';
export type { QrEcc } from './seal/assert-seal-fits-qr.ts';
export { digestFullRecord } from './seal/digest-full-record.ts';
export { encodeBase45, decodeBase45, BASE45_ALPHABET } from './seal/base45.ts';
export { SealError } from './seal/seal-error.ts';
export type { SealErrorCode } from './seal/seal-error.ts';
export { parseWireSealClaims, zWireSealClaims, SEAL_KINDS, SEAL_RESULT_STATUSES, SEAL_STATUS_PURPOSES } from './seal/z-seal-claims.ts';
export type {
  SealClaims,
  SealAchievement,
  SealStatusEntry,
  SealKind,
  SealResultStatus,
  SealStatusPurpose,
  WireSealClaims,
} from './seal/z-seal-claims.ts';
