import { describe, expect, it } from '@jest/globals';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '@lp/contexts';
import { canonizeRdfc } from '../src/lib/canonize-rdfc.ts';

// canonizeRdfc keeps the last proof options' canonical N-Quads (a bulk run signs a whole task
// with the same ones). What it answers from that must always be what jsonld.js gives for the
// document, the options and the contexts of this call: another `created`, other options, or a
// loader serving another context document under the same URL are canonicalized again.

type Loader = (url: string) => Promise<{ document?: unknown }>;
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const loader = createDocumentLoader({}) as Loader;
const options = (documentLoader: Loader) => ({ documentLoader, base: null, safe: true });
const proofOptions = (created: string) => ({
  '@context': [VC2, OB3], type: 'DataIntegrityProof', created, verificationMethod: 'did:web:exams.example#key-1', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod',
});
const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

describe('canonizeRdfc: proof options answered again equal jsonld.js for this call', () => {
  it('the same options twice, then another created, then the first again: each equals the stock canonize', async () => {
    const seq = ['2026-06-01T10:00:00Z', '2026-06-01T10:00:00Z', '2026-06-01T10:00:01Z', '2026-06-01T10:00:00Z'];
    const got: string[] = [];
    for (const created of seq) {
      const doc = proofOptions(created);
      const ours = await canonizeRdfc(doc, options(loader));
      expect(ours).toBe(await stockSuite.canonize(doc, options(loader)));
      got.push(ours);
    }
    expect(got[0]).toBe(got[1]);
    expect(got[2]).not.toBe(got[0]);
    expect(got[2]).toContain('2026-06-01T10:00:01Z');
  });

  it('a loader serving another (frozen) document under the same context URL is not answered from the last one', async () => {
    const doc = proofOptions('2026-06-01T10:00:00Z');
    const first = await canonizeRdfc(doc, options(loader));
    // The same URL now gives DataIntegrityProof another IRI: the canonical form must follow.
    const vc2 = (await loader(VC2)).document as { '@context': Record<string, Record<string, unknown>> };
    const other = deepFreeze({ '@context': { ...vc2['@context'], DataIntegrityProof: { ...vc2['@context']['DataIntegrityProof'], '@id': 'https://example.org/OtherProof' } } });
    const otherLoader: Loader = async (url) => (url === VC2 ? { document: other } : loader(url));
    const second = await canonizeRdfc(doc, options(otherLoader));
    expect(second).toBe(await stockSuite.canonize(doc, options(otherLoader)));
    expect(second).not.toBe(first);
    // And back: the first loader's answer again.
    expect(await canonizeRdfc(doc, options(loader))).toBe(first);
  });

  it('a document that is not flat (an object value) and a loader serving copies are canonicalized as before', async () => {
    const nested = { ...proofOptions('2026-06-01T10:00:00Z'), verificationMethod: { id: 'did:web:exams.example#key-1' } };
    expect(await canonizeRdfc(nested, options(loader))).toBe(await stockSuite.canonize(nested, options(loader)));
    const copying: Loader = async (url) => ({ document: structuredClone((await loader(url)).document) });
    const doc = proofOptions('2026-06-01T10:00:02Z');
    expect(await canonizeRdfc(doc, options(copying))).toBe(await stockSuite.canonize(doc, options(copying)));
  });
});
