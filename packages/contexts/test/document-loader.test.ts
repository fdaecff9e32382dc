import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CONTEXT_URLS, ContextsError, createDocumentLoader } from '../src/index.ts';

const DID = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

describe('createDocumentLoader', () => {
  const realFetch = globalThis.fetch;
  let fetchSpy: jest.Mock<typeof fetch>;
  beforeEach(() => {
    fetchSpy = jest.fn<typeof fetch>();
    globalThis.fetch = fetchSpy;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each(CONTEXT_URLS.map((u) => [u]))('serves %s from the bundle', async (url) => {
    const r = await createDocumentLoader()(url);
    expect(r.contextUrl).toBeNull();
    expect(r.documentUrl).toBe(url);
    expect(r.document).toHaveProperty('@context');
  });

  it('hands out frozen documents: a caller cannot change the bundle', async () => {
    const load = createDocumentLoader();
    const a = (await load(CONTEXT_URLS[0]!)).document as Record<string, unknown>;
    expect(() => { a['@context'] = 'changed'; }).toThrow(TypeError);
    expect(() => { ((a['@context'] as Record<string, unknown>)['@protected'] as unknown) = false; }).toThrow(TypeError);
    const b = (await load(CONTEXT_URLS[0]!)).document as Record<string, unknown>;
    expect(b['@context']).not.toBe('changed');
  });

  it('refuses an unknown URL with DOCUMENT_NOT_BUNDLED and never fetches', async () => {
    const url = 'https://example.org/contexts/unknown.jsonld';
    const err = await createDocumentLoader()(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContextsError);
    expect((err as ContextsError).code).toBe('DOCUMENT_NOT_BUNDLED');
    expect((err as ContextsError).url).toBe(url);
    expect((err as ContextsError).message).toContain(url);
  });

  it('refuses the old placeholder URL of the project context', async () => {
    await expect(createDocumentLoader()('https://learning-passport.example/contexts/lp-v1.jsonld')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_BUNDLED' });
  });

  it('resolves a did:key DID to its DID document', async () => {
    const r = await createDocumentLoader()(DID);
    const doc = r.document as Record<string, unknown>;
    expect(doc.id).toBe(DID);
    expect(JSON.stringify(doc.assertionMethod)).toContain('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
  });

  it('resolves a did:key URL with a fragment to the verification method with an @context', async () => {
    const url = `${DID}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`;
    const vm = (await createDocumentLoader()(url)).document as Record<string, unknown>;
    expect(vm.id).toBe(url);
    expect(vm.controller).toBe(DID);
    expect(vm.type).toBe('Multikey');
    expect(vm.publicKeyMultibase).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(vm['@context']).toBeDefined();
  });

  it('refuses a did:key of another key type (P-256) with DID_KEY_INVALID', async () => {
    await expect(createDocumentLoader()('did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76')).rejects.toMatchObject({ code: 'DID_KEY_INVALID' });
  });

  it('serves injected documents and DIDs from resolveDid, refuses unknown DIDs', async () => {
    const load = createDocumentLoader({
      documents: { 'https://issuer.example/doc': { hello: 'world' } },
      resolveDid: (did) => (did === 'did:web:issuer.example' ? { id: did, verificationMethod: [{ id: 'did:web:issuer.example#k1', type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mk' }] } : undefined),
    });
    expect((await load('https://issuer.example/doc')).document).toEqual({ hello: 'world' });
    expect((await load('did:web:issuer.example')).document).toMatchObject({ id: 'did:web:issuer.example' });
    expect((await load('did:web:issuer.example#k1')).document).toMatchObject({ id: 'did:web:issuer.example#k1', type: 'Multikey' });
    await expect(load('did:web:other.example')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_BUNDLED' });
  });
});
