import { z } from 'zod';
import { CHECK_IDS, type CheckId } from '@lp/model';

/**
 * VC-API (VCALM) callers name checks by the credential property they test — the W3C test suites
 * send `checks: ['proof']` or `['proof', 'credentialStatus']`; they mean our `signature` and
 * `status` checks. Our own check ids are accepted as they are.
 */
export const VC_API_CHECK_NAMES: Readonly<Record<string, CheckId>> = { proof: 'signature', credentialStatus: 'status' };

const zCheckName = z.union([z.enum(CHECK_IDS), z.enum(Object.keys(VC_API_CHECK_NAMES) as [string, ...string[]])])
  .transform((name): CheckId => VC_API_CHECK_NAMES[name] ?? (name as CheckId));

/** `options.checks` of /credentials/verify and /presentations/verify: one or more names, deduplicated. */
export const zVcApiChecks = z.array(zCheckName).min(1).transform((ids) => [...new Set(ids)]);
