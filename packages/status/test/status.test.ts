import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import {
  StatusError, allocateIndex, buildStatusListCredential, checkStatus, createBitstring, decodeList,
  encodeList, getBit, setBit, statusEntry,
} from '../src/index.ts';
import { base64urlDecode, base64urlEncode } from '../src/lib/base64url.ts';
import specExamples from './vectors/w3c-vc-bitstring-status-list-examples.json' with { type: 'json' };

const rnd = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof StatusError ? e.code : `not a StatusError: ${String(e)}`; }
  return undefined;
}

describe('bitstring', () => {
  it('has 131,072 entries by default and refuses fewer', () => {
    expect(createBitstring().length).toBe(16384);
    expect(codeOf(() => createBitstring(131064))).toBe('LIST_TOO_SMALL');
    expect(() => createBitstring(131073)).toThrow(TypeError);
    expect(createBitstring(8, { allowShortList: true }).length).toBe(1);
  });

  it('bit 0 is the most significant bit of byte 0 (§4 "left-most")', () => {
    const bits = createBitstring();
    setBit(bits, 0, true);
    setBit(bits, 9, true);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
  });

  it('set/get round trip (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat(131071), { maxLength: 50 }), (idx) => {
      const bits = createBitstring();
      for (const i of idx) setBit(bits, i, true);
      for (const i of idx) expect(getBit(bits, i)).toBe(true);
      const set = new Set(idx);
      for (let k = 0; k < 20; k++) {
        const j = (idx[0] ?? 0) + k;
        if (j < 131072) expect(getBit(bits, j)).toBe(set.has(j));
      }
      for (const i of idx) setBit(bits, i, false);
      expect(bits.every((b) => b === 0)).toBe(true);
    }), { numRuns: 50 });
  });

  it('refuses indexes outside the list', () => {
    const bits = createBitstring();
    expect(() => getBit(bits, 131072)).toThrow(RangeError);
    expect(() => setBit(bits, -1, true)).toThrow(TypeError);
    expect(() => getBit(bits, 1.5)).toThrow(TypeError);
  });
});

describe('base64url (RFC 4648 §5, no padding)', () => {
  it('matches Node and round trips (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const text = base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlDecode(text)).toEqual(bytes);
    }));
  });

  it('refuses padding, foreign characters, impossible lengths and non-zero leftover bits', () => {
    for (const bad of ['QQ==', 'Q', 'QR', 'QQ+', 'QQ/', 'Q Q', 'Qé']) expect([bad, base64urlDecode(bad)]).toEqual([bad, undefined]);
    expect(base64urlDecode('QQ')).toEqual(new Uint8Array([0x41]));
  });
});

describe('encodeList / decodeList', () => {
  it('round trips (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat(131071), { maxLength: 200 }), (idx) => {
      const bits = createBitstring();
      for (const i of idx) setBit(bits, i, true);
      const text = encodeList(bits);
      expect(text).toMatch(/^u[A-Za-z0-9_-]+$/);
      expect(decodeList(text)).toEqual(bits);
    }), { numRuns: 15 });
  });

  it('is deterministic (GZIP mtime 0) and an empty list is small', () => {
    const a = encodeList(createBitstring());
    expect(encodeList(createBitstring())).toBe(a);
    expect(a.length).toBeLessThan(200);
  });

  it('official-style example: bits 0 and 131071 set', () => {
    const bits = createBitstring();
    setBit(bits, 0, true);
    setBit(bits, 131071, true);
    // Encoded by an independent GZIP (fflate's defaults, other level and mtime), as another issuer would.
    const foreign = 'u' + base64urlEncode(gzipSync(bits, { level: 6, mtime: new Date('2024-01-01') }));
    const decoded = decodeList(foreign);
    expect(decoded.length * 8).toBe(131072);
    expect(getBit(decoded, 0)).toBe(true);
    expect(getBit(decoded, 131071)).toBe(true);
    expect(getBit(decoded, 1)).toBe(false);
    expect(getBit(decoded, 131070)).toBe(false);
    expect(decoded[0]).toBe(0x80);
    expect(decoded[16383]).toBe(0x01);
  });

  for (const v of specExamples) {
    it(`spec vector: ${v.label}`, () => {
      const bits = decodeList(v.credential.credentialSubject.encodedList);
      expect(bits.length * 8).toBe(v.entries);
      for (let i = 0; i < v.entries; i++) if (getBit(bits, i) !== v.set.includes(i as never)) throw new Error(`bit ${i}`);
      expect(checkStatus(v.entry, v.credential)).toEqual({ status: 'clear', purpose: 'revocation', index: 94567, listUrl: v.entry.statusListCredential, size: 1, value: 0 });
    });
  }

  it('rejects junk with STATUS_LIST_MALFORMED', () => {
    const good = encodeList(createBitstring());
    const junk: unknown[] = [
      '', 'u', good.slice(1), 'z' + good.slice(1), good + '=', good.replace(/.$/, '+'), 'u!!!!',
      'u' + base64urlEncode(new TextEncoder().encode('not gzip at all')),
      good.slice(0, 20), // truncated GZIP
      'u' + base64urlEncode(new Uint8Array([...gzipSync(createBitstring()), ...gzipSync(createBitstring())])),
      42, null,
    ];
    for (const j of junk) expect([j, codeOf(() => decodeList(j as string))]).toEqual([j, 'STATUS_LIST_MALFORMED']);
  });

  it('refuses a list that inflates past maxBytes before inflating it all', () => {
    const bomb = 'u' + base64urlEncode(gzipSync(new Uint8Array(4 * 1024 * 1024), { level: 1 }));
    expect(bomb.length).toBeLessThan(40_000);
    expect(codeOf(() => decodeList(bomb, { maxBytes: 1024 * 1024 }))).toBe('STATUS_LIST_TOO_LARGE');
    expect(decodeList(bomb).length).toBe(4 * 1024 * 1024); // under the 16 MiB default
    expect(codeOf(() => decodeList(encodeList(createBitstring(262144)), { maxBytes: 16384 }))).toBe('STATUS_LIST_TOO_LARGE');
  });

  it('refuses a list shorter than 131,072 entries', () => {
    const short = 'u' + base64urlEncode(gzipSync(new Uint8Array(100)));
    expect(codeOf(() => decodeList(short))).toBe('LIST_TOO_SMALL');
    expect(decodeList(short, { allowShortList: true }).length).toBe(100);
  });
});

describe('allocateIndex', () => {
  it('never repeats over 5,000 allocations on a 131,072 list', () => {
    const used = new Set<number>();
    for (let k = 0; k < 5000; k++) {
      const i = allocateIndex({ length: 131072, isUsed: (x) => used.has(x), random: rnd, usedCount: used.size });
      if (!(i >= 0 && i < 131072) || used.has(i)) throw new Error(`bad or repeated index ${i}`);
      used.add(i);
    }
    expect(used.size).toBe(5000);
  });

  it('fills a tiny list completely, then LIST_FULL (with and without usedCount)', () => {
    for (const withCount of [true, false]) {
      const used = new Set<number>();
      for (let k = 0; k < 256; k++) {
        const i = allocateIndex({ length: 256, allowShortList: true, isUsed: (x) => used.has(x), random: rnd, ...(withCount ? { usedCount: used.size } : {}) });
        expect(used.has(i)).toBe(false);
        used.add(i);
      }
      expect(used.size).toBe(256);
      expect(codeOf(() => allocateIndex({ length: 256, allowShortList: true, isUsed: (x) => used.has(x), random: rnd }))).toBe('LIST_FULL');
    }
  });

  it('any random source gives distinct in-range indexes (property)', () => {
    fc.assert(fc.property(fc.infiniteStream(fc.uint8Array({ minLength: 4, maxLength: 4 })), (stream) => {
      const it = stream[Symbol.iterator]();
      const random = () => it.next().value as Uint8Array;
      const used = new Set<number>();
      for (let k = 0; k < 64; k++) {
        const i = allocateIndex({ length: 64, allowShortList: true, isUsed: (x) => used.has(x), random });
        expect(used.has(i)).toBe(false);
        used.add(i);
      }
    }), { numRuns: 30 });
  });

  it('refuses small lists without the test option', () => {
    expect(codeOf(() => allocateIndex({ length: 1024, isUsed: () => false, random: rnd }))).toBe('LIST_TOO_SMALL');
  });
});

describe('credential, entry, checkStatus', () => {
  const listUrl = 'https://issuer.example/status/revocation-1';
  const bits = createBitstring();
  setBit(bits, 94567, true);
  const list = buildStatusListCredential({
    id: listUrl, issuer: 'did:key:z6Mk', purpose: 'revocation', encodedList: encodeList(bits),
    validFrom: '2026-01-01T00:00:00Z',
  });

  it('builds the §2.2 shape', () => {
    expect(list).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:key:z6Mk',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: list.credentialSubject.encodedList },
    });
    expect(buildStatusListCredential({ ...list, purpose: 'suspension', issuer: 'x', encodedList: 'u', validUntil: '2027-01-01T00:00:00Z' }).validUntil).toBe('2027-01-01T00:00:00Z');
  });

  it('builds the §2.1 entry', () => {
    expect(statusEntry({ listUrl, index: 94567, purpose: 'revocation' })).toEqual({
      id: `${listUrl}#94567`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
      statusListIndex: '94567', statusListCredential: listUrl,
    });
  });

  it('reads set and clear bits', () => {
    expect(checkStatus(statusEntry({ listUrl, index: 94567, purpose: 'revocation' }), list)).toEqual({ status: 'set', purpose: 'revocation', index: 94567, listUrl, size: 1, value: 1 });
    expect(checkStatus(statusEntry({ listUrl, index: 94566, purpose: 'revocation' }), list).status).toBe('clear');
  });

  it('remembers decoded lists by their content: a re-read, a changed list, a short list under its option', () => {
    const entry = statusEntry({ listUrl, index: 94567, purpose: 'revocation' });
    for (let i = 0; i < 3; i++) expect(checkStatus(entry, list).status).toBe('set');
    // The same credential object with the bit cleared (a newer snapshot): the new bits are read.
    const cleared = createBitstring();
    const newer = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: encodeList(cleared) } };
    expect(checkStatus(entry, newer).status).toBe('clear');
    expect(checkStatus(entry, list).status).toBe('set');
    // Many distinct lists pass through the bounded cache; each still reads its own bit.
    for (let i = 0; i < 80; i++) {
      const b = createBitstring();
      setBit(b, 1000 + i, true);
      const l = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: encodeList(b) } };
      expect(checkStatus(statusEntry({ listUrl, index: 1000 + i, purpose: 'revocation' }), l).status).toBe('set');
      expect(checkStatus(statusEntry({ listUrl, index: 1001 + i, purpose: 'revocation' }), l).status).toBe('clear');
    }
    // A short list read once with allowShortList is not then accepted without it.
    const short = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: encodeList(new Uint8Array(16)) } };
    expect(checkStatus(statusEntry({ listUrl, index: 3, purpose: 'revocation' }), short, { allowShortList: true }).status).toBe('clear');
    expect(codeOf(() => checkStatus(statusEntry({ listUrl, index: 3, purpose: 'revocation' }), short))).toBe('LIST_TOO_SMALL');
    // A bad list fails every time (errors are not remembered).
    const junk = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: 'uAAAA' } };
    expect(codeOf(() => checkStatus(entry, junk))).toBe('STATUS_LIST_MALFORMED');
    expect(codeOf(() => checkStatus(entry, junk))).toBe('STATUS_LIST_MALFORMED');
  });

  it('reports mismatches, range and junk with stable codes', () => {
    const entry = statusEntry({ listUrl, index: 1, purpose: 'revocation' });
    expect(codeOf(() => checkStatus({ ...entry, statusPurpose: 'suspension' }, list))).toBe('STATUS_LIST_MISMATCH');
    expect(codeOf(() => checkStatus({ ...entry, statusListCredential: listUrl + '2' }, list))).toBe('STATUS_LIST_MISMATCH');
    expect(codeOf(() => checkStatus({ ...entry, statusListIndex: '131072' }, list))).toBe('STATUS_INDEX_OUT_OF_RANGE');
    for (const bad of ['-1', '01', '1.0', '', ' 1', '99999999999']) {
      expect([bad, codeOf(() => checkStatus({ ...entry, statusListIndex: bad }, list))]).toEqual([bad, 'STATUS_ENTRY_MALFORMED']);
    }
    expect(codeOf(() => checkStatus({ ...entry, statusListIndex: 1 }, list))).toBe('STATUS_ENTRY_MALFORMED');
    expect(codeOf(() => checkStatus({ ...entry, statusSize: 2 }, list))).toBe('STATUS_ENTRY_MALFORMED');
    expect(codeOf(() => checkStatus(null, list))).toBe('STATUS_ENTRY_MALFORMED');
    expect(codeOf(() => checkStatus(entry, { ...list, type: ['VerifiableCredential'] }))).toBe('STATUS_LIST_CREDENTIAL_MALFORMED');
    expect(codeOf(() => checkStatus(entry, 'junk'))).toBe('STATUS_LIST_CREDENTIAL_MALFORMED');
    expect(codeOf(() => checkStatus(entry, { ...list, credentialSubject: { ...list.credentialSubject, encodedList: 'uAAAA' } }))).toBe('STATUS_LIST_MALFORMED');
  });

  // VC Bitstring Status List §2.1 statusSize / statusMessage; §3.2 reads statusSize bits at
  // statusListIndex × statusSize.
  describe('multi-bit entries (statusSize > 1) with statusMessage', () => {
    const msgUrl = 'https://issuer.example/status/message-1';
    const four = [
      { status: '0x0', message: 'pending review' }, { status: '0x1', message: 'accepted' },
      { status: '0x2', message: 'rejected' }, { status: '0x3', message: 'undefined' },
    ];
    const msgList = (set: number[]) => {
      const b = createBitstring();
      for (const i of set) setBit(b, i, true);
      return { ...list, id: msgUrl, credentialSubject: { ...list.credentialSubject, statusPurpose: 'message', encodedList: encodeList(b) } };
    };
    const msgEntry = (index: number, extra: Record<string, unknown> = {}) => ({
      type: 'BitstringStatusListEntry', statusPurpose: 'message', statusListIndex: String(index), statusListCredential: msgUrl,
      statusSize: 2, statusMessage: four, ...extra,
    });

    it('reads the entry\'s two bits, most significant first, and returns the message for that value', () => {
      // Entry 5 is bits 10 and 11; entry 6 is bits 12 and 13.
      const l = msgList([10, 13]);
      expect(checkStatus(msgEntry(5), l)).toEqual({ status: 'set', purpose: 'message', index: 5, listUrl: msgUrl, size: 2, value: 2, message: 'rejected' });
      expect(checkStatus(msgEntry(6), l)).toMatchObject({ value: 1, message: 'accepted' });
      expect(checkStatus(msgEntry(7), l)).toMatchObject({ status: 'clear', value: 0, message: 'pending review' });
      // Messages may come in any order (they are matched by value).
      expect(checkStatus(msgEntry(5, { statusMessage: [...four].reverse() }), l).message).toBe('rejected');
      // The last whole entry of the list is in range, the next is not.
      const last = (131072 / 2) - 1;
      expect(checkStatus(msgEntry(last), l).value).toBe(0);
      expect(codeOf(() => checkStatus(msgEntry(last + 1), l))).toBe('STATUS_INDEX_OUT_OF_RANGE');
    });

    it('a one-bit revocation entry may carry statusMessage (two messages): the revoked one is returned', () => {
      const b = createBitstring();
      setBit(b, 9, true);
      const l = { ...list, credentialSubject: { ...list.credentialSubject, encodedList: encodeList(b) } };
      const entry = { ...statusEntry({ listUrl, index: 9, purpose: 'revocation' }), statusSize: 1, statusMessage: [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'revoked' }] };
      expect(checkStatus(entry, l)).toMatchObject({ status: 'set', value: 1, size: 1, message: 'revoked' });
    });

    it('refuses what §2.1 forbids with STATUS_ENTRY_MALFORMED, and a size wider than it reads with STATUS_SIZE_UNSUPPORTED', () => {
      const l = msgList([]);
      const bad: [Record<string, unknown>, string][] = [
        [{ statusMessage: undefined }, 'STATUS_ENTRY_MALFORMED'], // statusSize 2 without messages
        [{ statusMessage: four.slice(0, 2) }, 'STATUS_ENTRY_MALFORMED'], // 2 messages for 4 values
        [{ statusMessage: [...four.slice(0, 3), { status: '0x1', message: 'again' }] }, 'STATUS_ENTRY_MALFORMED'], // a value twice
        [{ statusMessage: [...four.slice(0, 3), { status: '0x4', message: 'too big' }] }, 'STATUS_ENTRY_MALFORMED'], // past 2 bits
        [{ statusMessage: [...four.slice(0, 3), { status: '3', message: 'no 0x' }] }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusMessage: [...four.slice(0, 3), { status: '0x3' }] }, 'STATUS_ENTRY_MALFORMED'], // no message
        [{ statusSize: 0 }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusSize: 1.5 }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusSize: '2' }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusReference: 4 }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusPurpose: 'refresh' }, 'STATUS_ENTRY_MALFORMED'],
        [{ statusSize: 9, statusMessage: undefined }, 'STATUS_SIZE_UNSUPPORTED'],
      ];
      for (const [extra, code] of bad) {
        expect([extra, codeOf(() => checkStatus(msgEntry(1, extra), l))]).toEqual([extra, code]);
      }
      // A statusReference (a URL or a list of them) is well-formed.
      expect(checkStatus(msgEntry(1, { statusReference: ['https://issuer.example/codes'] }), l).value).toBe(0);
    });
  });
});
