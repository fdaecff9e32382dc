import type { Check } from '@lp/model';
import { checkStatus, StatusError } from '@lp/status';
import { findStatusList } from '@lp/trust';
import type { VerifyContext } from '../types.ts';
import { makeCheck } from './make-check.ts';
import { verifyStatusList } from './verify-status-list.ts';

export const DEFAULT_MAX_STATUS_AGE_SECONDS = 30 * 24 * 3600;

export interface StatusOutcome {
  check: Check;
  /** The oldest snapshot relied on. */
  asOf: Date | undefined;
}

interface Candidate {
  credential: Record<string, unknown>;
  fetchedAt: Date;
  source: 'cache' | 'bundle' | 'fetched';
}

/**
 * The 'status' check over BitstringStatusListEntry values (VC Bitstring Status List §3.2). The
 * list comes from the bundle's snapshot or a fresher one the device cached, whichever is newest
 * and verifies. A set bit is conclusive (revoked or suspended); a clear bit only says "not
 * revoked as of" the snapshot, so a snapshot older than the policy gives UNKNOWN with its age,
 * never a silent VALID (DESIGN.md "Verification").
 */
export async function checkStatusEntries(entries: readonly Record<string, unknown>[], issuerId: string, ctx: VerifyContext): Promise<StatusOutcome> {
  if (entries.length === 0) return { check: makeCheck('status', 'skipped', 'STATUS_NONE', 'the credential has no status entry'), asOf: undefined };
  const maxAge = ctx.policy?.maxStatusAgeSeconds ?? DEFAULT_MAX_STATUS_AGE_SECONDS;
  const results: Check[] = [];
  let asOf: Date | undefined;
  for (const entry of entries) {
    const r = await checkOne(entry, issuerId, ctx, maxAge);
    results.push(r.check);
    if (r.asOf && (!asOf || r.asOf < asOf)) asOf = r.asOf;
  }
  const decided = results.find((c) => c.status === 'fail') ?? results.find((c) => c.status === 'unknown');
  if (decided) return { check: decided, asOf };
  if (results.length === 1) return { check: results[0]!, asOf };
  const when = asOf?.toISOString() ?? '';
  return {
    check: makeCheck('status', 'pass', 'STATUS_NOT_REVOKED', `not revoked or suspended as of ${when}`, { asOf: when, lists: results.map((c) => c.details) }),
    asOf,
  };
}

async function checkOne(entry: Record<string, unknown>, issuerId: string, ctx: VerifyContext, maxAge: number): Promise<StatusOutcome> {
  // Other mechanisms (1EdTechRevocationList, StatusList2021Entry…) cannot be read here: the check
  // could not run, which is UNKNOWN (DESIGN.md verdict rules), not a malformed entry.
  const types = Array.isArray(entry.type) ? entry.type : [entry.type];
  if (entry.type !== undefined && !types.includes('BitstringStatusListEntry')) {
    return { check: makeCheck('status', 'unknown', 'STATUS_TYPE_UNSUPPORTED', `status of type ${types.map(String).join(', ')} is not supported (BitstringStatusListEntry is)`, { type: entry.type }), asOf: undefined };
  }
  const url = entry.statusListCredential;
  const purpose = entry.statusPurpose;
  if (typeof url !== 'string') return { check: makeCheck('status', 'fail', 'STATUS_ENTRY_MALFORMED', 'the status entry names no statusListCredential'), asOf: undefined };
  const candidates: Candidate[] = [];
  const cached = safeGet(ctx, url);
  if (cached) {
    const fetchedAt = new Date(cached.fetchedAt);
    if (!Number.isNaN(fetchedAt.getTime())) candidates.push({ credential: cached.credential, fetchedAt, source: 'cache' });
  }
  const snap = ctx.bundle ? findStatusList(ctx.bundle.bundle, url, issuerId) : undefined;
  if (snap) candidates.push({ credential: snap.credential, fetchedAt: snap.fetchedAt, source: 'bundle' });
  candidates.sort((a, b) => b.fetchedAt.getTime() - a.fetchedAt.getTime());
  if (candidates.length === 0 && ctx.fetchStatusList) {
    // Only reached after the credential's signature verified: unsigned claims never make us fetch.
    let fetched;
    try {
      fetched = await ctx.fetchStatusList(url);
    } catch (err) {
      fetched = { ok: false as const, code: 'STATUS_FETCH_FAILED', message: (err as Error).message };
    }
    if (!fetched.ok) {
      return { check: makeCheck('status', 'unknown', fetched.code, `the status list ${url} could not be fetched: ${fetched.message}`, { url }), asOf: undefined };
    }
    candidates.push({ credential: fetched.credential, fetchedAt: fetched.fetchedAt, source: 'fetched' });
  }
  if (candidates.length === 0) {
    return { check: makeCheck('status', 'unknown', 'STATUS_LIST_UNAVAILABLE', `no copy of the status list ${url} is held (nothing is fetched while verifying)`, { url }), asOf: undefined };
  }
  let failure: string | undefined;
  for (const c of candidates) {
    failure = await verifyStatusList(c.credential, issuerId, ctx);
    if (failure) continue;
    let read;
    try {
      read = checkStatus(entry, c.credential);
    } catch (err) {
      const code = err instanceof StatusError ? err.code : 'STATUS_LIST_MALFORMED';
      if (code === 'STATUS_ENTRY_MALFORMED') return { check: makeCheck('status', 'fail', code, (err as Error).message, { url }), asOf: undefined };
      // A well-formed entry wider than we read: the check could not run (DESIGN.md verdict rules).
      if (code === 'STATUS_SIZE_UNSUPPORTED') return { check: makeCheck('status', 'unknown', code, (err as Error).message, { url }), asOf: undefined };
      failure = code;
      continue;
    }
    const asOf = c.fetchedAt.toISOString();
    const ageSeconds = Math.max(0, Math.floor((ctx.now.getTime() - c.fetchedAt.getTime()) / 1000));
    const details = {
      url, index: read.index, purpose: read.purpose, asOf, ageSeconds, source: c.source,
      ...(read.size > 1 ? { statusSize: read.size, value: `0x${read.value.toString(16)}` } : {}),
      ...(read.message !== undefined ? { statusMessage: read.message } : {}),
    };
    const said = read.message !== undefined ? ` (${read.size > 1 ? `0x${read.value.toString(16)}: ` : ''}"${read.message}")` : '';
    // A set revocation or suspension entry is conclusive however old the list (a bit is never cleared by waiting).
    if (read.status === 'set' && read.purpose !== 'message') {
      return read.purpose === 'suspension'
        ? { check: makeCheck('status', 'fail', 'STATUS_SUSPENDED', `suspended by the issuer (list as of ${asOf})${said}`, details), asOf: c.fetchedAt }
        : { check: makeCheck('status', 'fail', 'STATUS_REVOKED', `revoked by the issuer (list as of ${asOf})${said}`, details), asOf: c.fetchedAt };
    }
    if (ageSeconds > maxAge) {
      return {
        check: makeCheck('status', 'unknown', 'STATUS_STALE', `${read.purpose === 'message' ? `status message as of ${asOf}${said}` : `not ${read.purpose === 'suspension' ? 'suspended' : 'revoked'} as of ${asOf}`}, but that list is ${describeAge(ageSeconds)} old (policy: at most ${describeAge(maxAge)})`, { ...details, maxAgeSeconds: maxAge }),
        asOf: c.fetchedAt,
      };
    }
    // §2.1 statusPurpose "message": the value names one of the entry's messages; it says
    // something about the credential without revoking or suspending it, so it is shown, not judged.
    if (read.purpose === 'message') {
      return { check: makeCheck('status', 'pass', 'STATUS_MESSAGE', `the issuer's status message as of ${asOf}${said || `: 0x${read.value.toString(16)}`}`, details), asOf: c.fetchedAt };
    }
    return { check: makeCheck('status', 'pass', 'STATUS_NOT_REVOKED', `not ${read.purpose === 'suspension' ? 'suspended' : 'revoked'} as of ${asOf}`, details), asOf: c.fetchedAt };
  }
  return { check: makeCheck('status', 'unknown', 'STATUS_LIST_UNVERIFIED', `the status list ${url} could not be verified (${failure})`, { url, cause: failure, purpose }), asOf: undefined };
}

function safeGet(ctx: VerifyContext, url: string) {
  try {
    const c = ctx.statusCache?.get(url);
    return c && typeof c.credential === 'object' && c.credential !== null ? c : undefined;
  } catch {
    return undefined;
  }
}

function describeAge(seconds: number): string {
  if (seconds >= 86400) return `${Math.floor(seconds / 86400)} days`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} hours`;
  return `${seconds} seconds`;
}
