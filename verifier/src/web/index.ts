// @lp/verifier/web: the offline verifier page (served by `lp serve` at /verify).
export { createVerifierWebRouter, buildVerifierPage } from './create-verifier-web-router.ts';
export type { VerifierWebOptions } from './create-verifier-web-router.ts';
