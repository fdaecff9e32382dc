import { computeCatalogueDigest } from './compute-catalogue-digest.ts';
import { TrustError } from './errors.ts';
import { parseOrThrow } from './lib/parse.ts';
import { parseTrustFragment } from './parse-trust-fragment.ts';
import { zTrustOverrides, type TrustOverrides } from './z-trust-overrides.ts';
import { zTrustBundle, type CatalogueEntry, type TrustAccreditation, type TrustBundle, type TrustIssuer, type TrustIssuerKind } from './z-trust-bundle.ts';

/** What the anchor decides about an issuer, over what the issuer said about itself. */
export interface TrustIssuerOverride {
  kind?: TrustIssuerKind;
  accreditation?: TrustAccreditation;
  /** key id → catalogue codes the key may sign; intersected with the fragment's own list. */
  keyAchievements?: Record<string, string[]>;
}

export interface BuildTrustBundleInput {
  /** Issuer fragments: parsed values or JSON text; each is validated. */
  fragments: readonly unknown[];
  sequence: number;
  expires: Date | string;
  issuedAt: Date | string;
  anchorDid: string;
  /** Context URL → SHA-256 hex (from @lp/contexts `contextDigests()`). */
  contexts?: Record<string, string>;
  /** Keyed by issuer DID. */
  overrides?: Record<string, TrustIssuerOverride> | TrustOverrides | unknown;
}

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/**
 * Merges issuer fragments into one unsigned bundle payload. Several issuers are fine; the same
 * issuer twice is TRUST_DUPLICATE_ISSUER (the anchor must choose, not us). Catalogue digests are
 * computed here; a fragment's stated digest must match (TRUST_CATALOGUE_DIGEST_MISMATCH).
 *
 * @example
 * const payload = buildTrustBundle({ fragments: [f1, f2], sequence: 7, issuedAt: now,
 *   expires: '2027-01-01T00:00:00Z', anchorDid });
 */
export function buildTrustBundle(input: BuildTrustBundleInput): TrustBundle {
  // Overrides may come from a file (lp trust build --overrides): validated like everything else.
  const overrides = input.overrides === undefined ? undefined : parseOrThrow(zTrustOverrides, input.overrides, 'TRUST_BAD_OVERRIDE', 'overrides');
  const issuers: TrustIssuer[] = [];
  const seen = new Set<string>();
  input.fragments.forEach((raw, i) => {
    let f;
    try {
      f = parseTrustFragment(raw);
    } catch (e) {
      if (e instanceof TrustError) throw new TrustError(e.code, `fragment ${i}: ${e.message}`, e.path);
      throw e;
    }
    if (seen.has(f.id)) throw new TrustError('TRUST_DUPLICATE_ISSUER', `issuer ${f.id} appears in more than one fragment`);
    seen.add(f.id);
    const digest = computeCatalogueDigest(f.catalogue.achievements);
    // The issuer may have digested its entries before normalization (scale bounds as numbers).
    const rawEntries = rawCatalogue(raw);
    if (f.catalogue.digest !== undefined && f.catalogue.digest !== digest && (rawEntries === undefined || f.catalogue.digest !== computeCatalogueDigest(rawEntries))) {
      throw new TrustError('TRUST_CATALOGUE_DIGEST_MISMATCH', `fragment ${i} (${f.id}): catalogue digest does not match its entries`, '$.catalogue.digest');
    }
    const o = overrides?.[f.id];
    const keys = f.keys.map((k) => {
      const restrict = o?.keyAchievements?.[k.id];
      if (!restrict) return k;
      const achievements = k.achievements ? k.achievements.filter((c) => restrict.includes(c)) : [...restrict];
      return { ...k, achievements };
    });
    for (const kid of Object.keys(o?.keyAchievements ?? {})) {
      if (!f.keys.some((k) => k.id === kid)) throw new TrustError('TRUST_BAD_OVERRIDE', `override names key ${kid}, which ${f.id} does not have`);
    }
    const issuer: TrustIssuer = {
      id: f.id,
      names: f.names,
      country: f.country,
      kind: o?.kind ?? f.kind,
      ...(o?.accreditation ?? f.accreditation ? { accreditation: o?.accreditation ?? f.accreditation } : {}),
      keys,
      catalogue: { digest, achievements: f.catalogue.achievements },
      statusLists: f.statusLists,
    };
    issuers.push(issuer);
  });
  for (const id of Object.keys(overrides ?? {})) {
    if (!seen.has(id)) throw new TrustError('TRUST_BAD_OVERRIDE', `override for ${id}, which no fragment provides`);
  }
  const payload = {
    type: 'LearningPassportTrustBundle' as const,
    version: 1 as const,
    sequence: input.sequence,
    issuedAt: iso(input.issuedAt),
    expires: iso(input.expires),
    anchor: input.anchorDid,
    issuers,
    contexts: input.contexts ?? {},
  };
  // Validate what we are about to sign (sequence range, anchor DID, override shapes…).
  return parseOrThrow(zTrustBundle, payload, 'TRUST_BUNDLE_MALFORMED', 'trust bundle');
}

function rawCatalogue(raw: unknown): CatalogueEntry[] | undefined {
  try {
    const v = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { catalogue?: { achievements?: unknown } };
    return Array.isArray(v?.catalogue?.achievements) ? (v.catalogue.achievements as CatalogueEntry[]) : undefined;
  } catch {
    return undefined;
  }
}
