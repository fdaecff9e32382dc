export { CHECK_IDS, verdictOf, exitCodeOf } from './verification-result.ts';
export type { Check, CheckId, CheckStatus, Verdict } from './verification-result.ts';
export { ModelError } from './errors.ts';
export type { ModelErrorCode } from './errors.ts';
