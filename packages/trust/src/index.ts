export { TrustError } from './errors.ts';
export type { TrustErrorCode } from './errors.ts';
export {
  zTrustBundle,
  zTrustIssuer,
  zTrustKey,
  zCatalogue,
  zCatalogueEntry,
  zStatusListSnapshot,
  zAccreditation,
  zIssuerKind,
  zIssuerDid,
  zIssuerId,
  zAbsoluteUri,
  zVerificationMethodId,
  zForeignPublicJwk,
  rsaModulusBits,
  zPublicKeyMultibase,
} from './z-trust-bundle.ts';
export type {
  TrustBundle,
  TrustIssuer,
  TrustKey,
  TrustCatalogue,
  CatalogueEntry,
  StatusListSnapshot,
  TrustAccreditation,
  TrustIssuerKind,
  ForeignPublicJwk,
} from './z-trust-bundle.ts';
export { describeIssuer } from './describe-issuer.ts';
export type { DescribeIssuerInput, DescribedKey } from './describe-issuer.ts';
export { zTrustFragment } from './z-trust-fragment.ts';
export type { TrustFragment } from './z-trust-fragment.ts';
export { zFlattenedJws, zTrustJwsHeader, TRUST_BUNDLE_TYP } from './z-trust-jws.ts';
export type { FlattenedJws, TrustJwsHeader } from './z-trust-jws.ts';
export { computeCatalogueDigest } from './compute-catalogue-digest.ts';
export { parseTrustFragment, MAX_FRAGMENT_BYTES } from './parse-trust-fragment.ts';
export { buildTrustBundle } from './build-trust-bundle.ts';
export type { BuildTrustBundleInput, TrustIssuerOverride } from './build-trust-bundle.ts';
export { zTrustOverrides } from './z-trust-overrides.ts';
export type { TrustOverrides } from './z-trust-overrides.ts';
export { signTrustBundle } from './sign-trust-bundle.ts';
export { verifyTrustBundle, MAX_TRUST_BUNDLE_BYTES } from './verify-trust-bundle.ts';
export type { VerifyTrustBundleOptions, VerifiedTrustBundle, TrustBundleVerification, TrustFailure } from './verify-trust-bundle.ts';
export { inspectTrustBundle } from './inspect-trust-bundle.ts';
export { acceptBundle } from './accept-bundle.ts';
export type { AcceptBundleResult } from './accept-bundle.ts';
export { findIssuer } from './find-issuer.ts';
export { findKey } from './find-key.ts';
export type { KeyRef } from './find-key.ts';
export { keyValidAt } from './key-valid-at.ts';
export type { KeyValidity } from './key-valid-at.ts';
export { keyMaySign } from './key-may-sign.ts';
export { findAchievement } from './find-achievement.ts';
export { findStatusList } from './find-status-list.ts';
export type { StatusListFound } from './find-status-list.ts';
export { resolveDidDocument, DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1 } from './resolve-did-document.ts';
export type { DidDocument, MultikeyVerificationMethod } from './resolve-did-document.ts';
export { publicKeyOf } from './public-key-of.ts';
export { canonicalJson } from './lib/canonical-json.ts';
