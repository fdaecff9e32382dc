export { run as runVerifyCommand, parseVerifyArgs, verifyRequest } from './cli/verify-command.ts';
export type { VerifyRequest } from './cli/verify-command.ts';
export { renderHuman, renderJson } from './cli/render-result.ts';
export type { RenderableResult } from './cli/render-result.ts';
export type { VerifierIo } from './cli/cli-io.ts';
export { createVerifyRouter, VERIFY_BODY_LIMIT } from './http/create-verify-router.ts';
export type { VerifyRouterOptions } from './http/create-verify-router.ts';
