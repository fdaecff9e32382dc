import { describe, expect, test } from '@jest/globals';
import { VerifiableCredentialSchema } from '../src/index.ts';

// VC Data Model 2.0 rules the W3C vc-data-model-2.0 test suite exercises (§4.6, §5.3–§5.6).
const vc = (extra: Record<string, unknown>) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: 'did:example:issuer',
  credentialSubject: { id: 'did:example:subject' },
  ...extra,
});
const ok = (extra: Record<string, unknown>) => VerifiableCredentialSchema.safeParse(vc(extra)).success;

describe('VerifiableCredentialSchema: VC 2.0 names, related resources, typed objects', () => {
  test('name/description: a string, a language value object, or several', () => {
    expect(ok({ name: 'x', description: 'y' })).toBe(true);
    expect(ok({ name: { '@value': 'Example', '@language': 'en' } })).toBe(true);
    expect(ok({ description: { '@value': 'مثال', '@language': 'ar', '@direction': 'rtl' } })).toBe(true);
    expect(ok({ name: [{ '@value': 'Dog', '@language': 'en' }, { '@value': 'Chien', '@language': 'fr' }] })).toBe(true);
    expect(ok({ name: { '@value': 'x', '@language': 'en', url: 'did:example:issuer' } })).toBe(false);
    expect(ok({ name: { '@value': 'x', '@language': 'not a tag' } })).toBe(false);
  });

  test('relatedResource: objects with an id, a digest, unique ids', () => {
    expect(ok({ relatedResource: { id: 'https://example.org/a', digestSRI: 'sha384-abc' } })).toBe(true);
    expect(ok({ relatedResource: [{ id: 'https://example.org/a', digestMultibase: 'uEiA' }, { id: 'https://example.org/b', digestSRI: 'sha384-abc' }] })).toBe(true);
    expect(ok({ relatedResource: ['https://example.org/a'] })).toBe(false);
    expect(ok({ relatedResource: [{ digestMultibase: 'uEiA' }] })).toBe(false);
    expect(ok({ relatedResource: [{ id: 'https://example.org/a' }] })).toBe(false);
    expect(ok({ relatedResource: [{ id: 'https://example.org/a', digestSRI: 'sha384-a' }, { id: 'https://example.org/a', digestMultibase: 'uEiA' }] })).toBe(false);
  });

  test('refreshService, termsOfUse, evidence: each value has a type', () => {
    expect(ok({ refreshService: { id: 'https://example.org/r', type: 'VerifiableCredentialRefreshService2021' } })).toBe(true);
    expect(ok({ termsOfUse: [{ type: 'IssuerPolicy', id: 'https://example.org/p' }], evidence: [{ type: ['Evidence'] }] })).toBe(true);
    expect(ok({ refreshService: { id: 'https://example.org/r' } })).toBe(false);
    expect(ok({ termsOfUse: { id: 'https://example.org/p' } })).toBe(false);
    expect(ok({ evidence: [{ type: ['Evidence'] }, { id: 'https://example.org/e' }] })).toBe(false);
  });

  test('credentialStatus: a type and at most one id', () => {
    expect(ok({ credentialStatus: { id: 'https://example.org/s', type: 'X' } })).toBe(true);
    expect(ok({ credentialStatus: { id: 'https://example.org/s' } })).toBe(false);
    expect(ok({ credentialStatus: { id: ['did:example:1', 'did:example:2'], type: 'X' } })).toBe(false);
  });
});
