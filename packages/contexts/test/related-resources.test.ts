import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkRelatedResources } from '@lp/contexts';

// The bytes we hold, hashed by node:crypto (an implementation independent of @noble/hashes).
const V2 = 'https://www.w3.org/ns/credentials/v2';
const v2Bytes = readFileSync(new URL('../contexts/credentials-v2.jsonld', import.meta.url));
const digest = (alg: string) => createHash(alg).update(v2Bytes).digest();
const multihash = (code: number, d: Buffer) => 'u' + Buffer.concat([Buffer.from([code, d.length]), d]).toString('base64url');

describe('checkRelatedResources (VC 2.0 §5.3)', () => {
  it('matches the digests the VC 2.0 Recommendation publishes for its context', () => {
    // VC Data Model 2.0, appendix "Base Context": sha384 SRI and sha2-256 multihash.
    const r = checkRelatedResources({ id: V2, digestSRI: 'sha384-l/HrjlBCNWyAX91hr6LFV2Y3heB5Tcr6IeE4/Tje8YyzYBM8IhqjHWiWpr8+ZbYU', digestMultibase: 'uEiBZlVztZpfWHgPyslVv6-UwirFoQoRvW1htfx963sknNA' });
    expect(r.resources).toEqual([{ id: V2, outcome: 'match' }]);
  });

  it.each([
    ['SRI sha256', { digestSRI: `sha256-${digest('sha256').toString('base64')}` }],
    ['SRI sha512, base64url', { digestSRI: `sha512-${digest('sha512').toString('base64url')}` }],
    ['SRI strongest of several', { digestSRI: `sha256-wrong sha384-${digest('sha384').toString('base64')}` }],
    ['multihash sha2-384', { digestMultibase: multihash(0x20, digest('sha384')) }],
    ['multihash sha2-512', { digestMultibase: multihash(0x13, digest('sha512')) }],
  ])('%s matches', (_label, digests) => {
    expect(checkRelatedResources([{ id: V2, ...digests }]).resources[0]!.outcome).toBe('match');
  });

  it.each([
    ['the suite\'s stale SRI', { digestSRI: 'sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg' }],
    ['one flipped byte', { digestMultibase: multihash(0x12, Buffer.from(digest('sha256').map((b, i) => (i === 0 ? b ^ 1 : b)))) }],
    ['a right SRI beside a wrong multihash', { digestSRI: `sha256-${digest('sha256').toString('base64')}`, digestMultibase: multihash(0x12, Buffer.alloc(32)) }],
  ])('%s is a mismatch', (_label, digests) => {
    expect(checkRelatedResources({ id: V2, ...digests }).resources[0]!.outcome).toBe('mismatch');
  });

  it.each([
    ['a bare digest, not a multihash', { digestMultibase: 'u' + digest('sha256').toString('base64url') }],
    ['an unknown multibase prefix', { digestMultibase: 'm' + digest('sha256').toString('base64') }],
    ['an SRI algorithm we do not compute', { digestSRI: 'md5-abc' }],
    ['not a string', { digestSRI: 42 }],
  ])('%s is unreadable', (_label, digests) => {
    expect(checkRelatedResources({ id: V2, ...digests }).resources[0]!.outcome).toBe('unreadable');
  });

  it('never fetches: a resource it does not hold is reported not held; junk entries are skipped', () => {
    expect(checkRelatedResources([{ id: 'https://example.org/r', digestSRI: 'sha384-x' }, 'https://example.org/s', null]).resources)
      .toEqual([{ id: 'https://example.org/r', outcome: 'not-held' }]);
    expect(checkRelatedResources(undefined).resources).toEqual([]);
  });
});
