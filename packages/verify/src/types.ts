import type { Check, CheckId, TextDirection, Verdict } from '@lp/model';
import type { TrustIssuerKind, VerifiedTrustBundle } from '@lp/trust';

/** What the verifier decides by policy, not by the credential (DESIGN.md "Verification"). */
export interface VerifyPolicy {
  /**
   * The oldest status-list snapshot accepted as proof of "not revoked", in seconds. Older → the
   * status check is UNKNOWN showing the age, never a silent VALID. Default 30 days.
   */
  maxStatusAgeSeconds?: number;
  /** Tolerated clock difference for validity dates, in seconds. Default 300 (as @digitalbazaar/vc). */
  clockSkewSeconds?: number;
}

/** A status-list credential the device fetched itself, fresher than the bundle's snapshot. */
export interface CachedStatusList {
  credential: Record<string, unknown>;
  fetchedAt: Date | string;
}

export interface StatusCache {
  get(url: string): CachedStatusList | undefined;
}

/** What an online status-list fetch gives: the list (its proof not yet checked) or why there is none. */
export type StatusListFetchResult =
  | { ok: true; credential: Record<string, unknown>; fetchedAt: Date }
  | { ok: false; code: string; message: string };

/**
 * Fetches a status list the verifier holds no copy of (the server's VC-API verifier only; the CLI
 * and the pages stay offline). The pipeline still verifies the list's proof and issuer.
 */
export type StatusListFetcher = (url: string) => Promise<StatusListFetchResult>;

/**
 * Everything the pipeline needs, injected: no file, environment or network is read, so the same
 * bytes give the same verdict in Node and in the browser.
 */
export interface VerifyContext {
  /** The trust bundle in use (verified against pinned anchors by @lp/trust), or none. */
  bundle: VerifiedTrustBundle | undefined;
  now: Date;
  /** Language to display achievement and issuer names in (BCP 47); default 'en'. */
  lang?: string;
  policy?: VerifyPolicy;
  statusCache?: StatusCache;
  /** Online fallback when neither the cache nor the bundle holds the list; absent = offline. */
  fetchStatusList?: StatusListFetcher;
  /**
   * Only these checks count; the others are reported 'skipped' (with `details.wouldBe`).
   * 'decode' and 'parse' always count. Default: all.
   */
  requiredChecks?: readonly CheckId[];
}

/** A text with its language and direction, for `<span lang dir>` or a terminal isolate. */
export interface DisplayText {
  text: string;
  lang: string | undefined;
  dir: TextDirection;
}

export interface DisplayResultScale {
  resultType: string;
  name?: DisplayText;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  allowedValues?: string[];
}

export interface DisplayAchievement {
  /** The issuer's catalogue code, when the achievement is in the bundle's catalogue. */
  code: string | undefined;
  /** In the requested language when the catalogue (or the seal) has it. */
  name: DisplayText | undefined;
  /** The name in the achievement's own language (catalogue languageOfAssessment, or the credential's). */
  original: DisplayText | undefined;
  /** ISCED 2011 level label (English), from the catalogue, else the credential's ISCED 2011 alignment. */
  level: string | undefined;
  levelCode: string | undefined;
  /** The result value, else its status (e.g. "Completed"). */
  result: string | undefined;
  resultStatus: string | undefined;
  resultScale: DisplayResultScale | undefined;
  /** When it was awarded (OB 3.0 awardedDate, seal claim 8.6), ISO 8601; may be decades before signing. */
  awardedAt?: string;
  /** A grade left part-way: months completed of the grade's months (seal claim 8.7). */
  partial?: { monthsCompleted: number; monthsInGrade: number | undefined };
  /** A grade left part-way, counted in terms: terms completed of the grade's terms (seal claim 8.9). */
  partialTerms?: { termsCompleted: number; termsInGrade: number | undefined };
  /** Competency results without a grade: the competency, its level, and the levels it has (lowest first). */
  competencies?: { name: DisplayText | undefined; level: string; levels: string[] | undefined }[];
  /** Notional learning hours (catalogue; OB 3.0 creditsAvailable). */
  notionalHours?: number;
  /** The national grades the achievement stands for (catalogue; an Alignment in the record): an accelerated level's condensed grades. */
  nationalGrades?: { country: string; from: number; to: number };
}

export interface DisplayIssuer {
  id: string;
  /** From the TRUST BUNDLE only; undefined when the bundle does not list the issuer. */
  name: DisplayText | undefined;
  country: string | undefined;
  kind: TrustIssuerKind | undefined;
  /** Whether the bundle lists this issuer. */
  listed: boolean;
}

/**
 * What a page shows beside the checks. Strings that come from the credential (learner name,
 * result) are plain data: renderers must escape or isolate them, never interpret them.
 */
/**
 * Something about the learner's name a person should look at (it does not change the verdict):
 * NAME_MIXED_SCRIPTS — a word mixes scripts, e.g. "Аmina" with a Cyrillic А (a look-alike);
 * NAME_INVISIBLE_CHARACTERS — invisible or bidi-control characters (our issuers refuse them).
 */
export interface NameWarning {
  code: 'NAME_MIXED_SCRIPTS' | 'NAME_INVISIBLE_CHARACTERS';
  /** The words that mix scripts, or the characters as `U+XXXX`. */
  items: string[];
  /** For NAME_MIXED_SCRIPTS: the scripts mixed, e.g. ['Cyrillic', 'Latin']. */
  scripts?: string[];
}

export interface Display {
  /**
   * The name as written (any script), in Latin letters when the issuer gave it, and the date of
   * birth: what a school compares with an identity document; warnings about the name.
   */
  learner: { name: string | undefined; nameLatin?: string; birthDate?: string; warnings?: NameWarning[] };
  issuer: DisplayIssuer | undefined;
  achievements: DisplayAchievement[];
  issuedAt: string | undefined;
  /** When the issuer's key signed (proof.created, JWT iat, seal claim 13), when the credential says. */
  signedAt?: string;
  expiresAt?: string;
  bundle: { sequence: number; issuedAt: string; expires: string; ageSeconds: number; expired: boolean } | undefined;
  /** The oldest status snapshot used: "not revoked as of" this time. */
  statusAsOf: string | undefined;
}

export type CredentialForm = 'seal' | 'di' | 'jwt';

/** The one result shape (DESIGN.md): verdict, the checks in pipeline order, and what to display. */
export interface VerificationResult {
  verdict: Verdict;
  checks: Check[];
  form: CredentialForm | undefined;
  display: Display | undefined;
  /** The full record that was checked (for a JWT: its payload without the JWT claims). */
  credential?: Record<string, unknown>;
}
