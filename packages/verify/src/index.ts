// @lp/verify: the one verification pipeline (DESIGN.md "Verification"). Browser-safe: everything
// impure (bundle, clock, status cache) is injected; nothing is fetched.
export { verifySeal } from './verify-seal.ts';
export { verifyFullRecordWithTrust } from './verify-full-record-with-trust.ts';
export { verifyAny } from './verify-any.ts';
export { decodeFailure, decodeNotFound, PIPELINE_CHECKS } from './lib/finish-result.ts';
export { DEFAULT_MAX_STATUS_AGE_SECONDS } from './lib/check-status-entries.ts';
export { sniffImage, SEAL_PREFIX_TEXT } from './lib/sniff.ts';
export type {
  VerifyContext,
  VerifyPolicy,
  StatusCache,
  CachedStatusList,
  StatusListFetcher,
  StatusListFetchResult,
  VerificationResult,
  CredentialForm,
  Display,
  DisplayAchievement,
  DisplayIssuer,
  DisplayResultScale,
  DisplayText,
  NameWarning,
} from './types.ts';
