import { describe, expect, it, jest } from '@jest/globals';

// The loader must refuse a bundled context whose text no longer matches its pin. The generated
// module is replaced by one with a tampered text (jest.unstable_mockModule: ESM mocks need a
// dynamic import after the mock is registered).
describe('pinned hashes', () => {
  it('a tampered bundled context throws CONTEXT_HASH_MISMATCH before it is parsed', async () => {
    const url = 'https://www.w3.org/ns/credentials/v2';
    jest.unstable_mockModule('../src/lib/bundled.ts', () => ({
      BUNDLED: [{ url, file: 'credentials-v2.jsonld', sha256: '59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734', text: '{"@context": {"tampered": "https://evil.example/"}}' }],
    }));
    const parse = jest.spyOn(JSON, 'parse');
    const { loadBundledContext, ContextsError } = await import('../src/index.ts');
    let err: unknown;
    try {
      loadBundledContext(url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContextsError);
    expect((err as InstanceType<typeof ContextsError>).code).toBe('CONTEXT_HASH_MISMATCH');
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });
});
