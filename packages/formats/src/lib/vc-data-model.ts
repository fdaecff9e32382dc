/** VC Data Model 1.1 §4.1: the first context of a 1.1 credential. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

type Json = Record<string, unknown>;

/** Whether the credential is VC Data Model 1.1 (issued elsewhere: we verify 1.1, never issue it). */
export function isVc1(credential: Json): boolean {
  const c = credential['@context'];
  return (Array.isArray(c) ? c[0] : c) === VC_V1_CONTEXT;
}

/**
 * The validity period whatever the data model: 2.0 `validFrom`/`validUntil`, or for 1.1
 * `issuanceDate`/`expirationDate` (VC Data Model 1.1 §4.6, §4.7), which mean the same.
 */
export function validityDatesOf(credential: Json): { from: unknown; until: unknown } {
  if (!isVc1(credential)) return { from: credential.validFrom, until: credential.validUntil };
  return { from: credential.validFrom ?? credential.issuanceDate, until: credential.validUntil ?? credential.expirationDate };
}

/**
 * A VC 1.1 credential as the VC 2.0 profiles read it: the 1.1 context replaced by 2.0's and the
 * dates renamed, for the OB 3.0 / CLR 2.0 shape check only (the proof covers the original). The
 * OB 3.0 and CLR 2.0 shapes are the same under both data models (OB 3.0 §8.1 allows 1.1).
 */
export function profileViewOf(credential: Json): Json {
  if (!isVc1(credential)) return credential;
  const { issuanceDate, expirationDate, ...rest } = credential;
  const contexts = Array.isArray(credential['@context']) ? (credential['@context'] as unknown[]) : [credential['@context']];
  // A CLR 2.0 ClrSubject embeds AchievementCredentials of the same data model.
  const subject = rest.credentialSubject;
  if (subject && typeof subject === 'object' && !Array.isArray(subject) && Array.isArray((subject as Json).verifiableCredential)) {
    const embedded = ((subject as Json).verifiableCredential as unknown[]).map((vc) => (vc && typeof vc === 'object' && !Array.isArray(vc) ? profileViewOf(vc as Json) : vc));
    rest.credentialSubject = { ...(subject as Json), verifiableCredential: embedded };
  }
  return {
    ...rest,
    '@context': [VC_V2_CONTEXT, ...contexts.slice(1)],
    ...(rest.validFrom === undefined && issuanceDate !== undefined ? { validFrom: issuanceDate } : {}),
    ...(rest.validUntil === undefined && expirationDate !== undefined ? { validUntil: expirationDate } : {}),
  };
}
