import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { signCredentialDi } from '@lp/formats';
import { buildStatusListCredential, createBitstring, encodeList, setBit } from '@lp/status';
import { verifyAny, type VerificationResult, type VerifyContext } from '../src/index.ts';
import { documentLoader, forbidNetwork, issue, makeWorld, REVOCATION_LIST, REVOKED_INDEX, type World } from './lib/make-world.ts';

// VC Bitstring Status List §2.1 statusSize / statusMessage through the whole pipeline: a
// "message" entry is shown, not judged; a multi-bit revocation entry that is set revokes and says why.
const MESSAGE_LIST = 'https://exams.moe.example/status/2024/m1';
const MESSAGES = [
  { status: '0x0', message: 'awarded' }, { status: '0x1', message: 'under appeal' },
  { status: '0x2', message: 'corrected' }, { status: '0x3', message: 'withdrawn' },
];
let world: World;
let net: ReturnType<typeof forbidNetwork>;
let messageList: Record<string, unknown>;

beforeAll(async () => {
  net = forbidNetwork();
  world = await makeWorld();
  const bits = createBitstring();
  setBit(bits, 2 * 300 + 1, true); // entry 300 (2 bits each) = 0b01: under appeal
  const unsigned = buildStatusListCredential({ id: MESSAGE_LIST, issuer: world.issuer.did, purpose: 'message' as never, encodedList: encodeList(bits), validFrom: '2025-01-01T00:00:00Z' });
  messageList = await signCredentialDi(unsigned, { keyPair: world.issuer.keyPair, verificationMethod: world.issuer.vm, documentLoader, created: new Date('2025-01-01T00:00:00Z') });
});
afterAll(() => {
  net.restore();
  expect(net.calls).toEqual([]);
});

const messageEntry = (index: number, extra: Record<string, unknown> = {}) => ({
  type: 'BitstringStatusListEntry', statusPurpose: 'message', statusListIndex: String(index), statusListCredential: MESSAGE_LIST,
  statusSize: 2, statusMessage: MESSAGES, ...extra,
});
// The message list is held the way a device holds a fresher list than its bundle's.
const ctx = (): VerifyContext => world.ctx({ statusCache: { get: (url) => (url === MESSAGE_LIST ? { credential: messageList, fetchedAt: '2025-01-14T00:00:00Z' } : undefined) } });
const status = (r: VerificationResult) => r.checks.find((c) => c.id === 'status')!;
const withEntries = async (entries: Record<string, unknown>[]) => (await issue(world.issuer, { mutate: (c) => { c.credentialStatus = [c.credentialStatus, ...entries]; } })).di;

describe('status entries with statusSize and statusMessage', () => {
  test('a message entry beside a clear revocation entry: VALID, the message in the status details', async () => {
    const r = await verifyAny(await withEntries([messageEntry(300)]), ctx());
    expect(r.verdict).toBe('VALID');
    expect(status(r).status).toBe('pass');
    const lists = (status(r).details as { lists: Record<string, unknown>[] }).lists;
    expect(lists.find((l) => l.purpose === 'message')).toMatchObject({ statusSize: 2, value: '0x1', statusMessage: 'under appeal' });
  });

  test('a set one-bit revocation entry carrying statusMessage: INVALID, STATUS_REVOKED naming the message', async () => {
    const revoked = (await issue(world.issuer, { status: [{ purpose: 'revocation', index: REVOKED_INDEX }], mutate: (c) => {
      c.credentialStatus = { ...(c.credentialStatus as object), statusSize: 1, statusMessage: [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'revoked: result annulled' }] };
    } })).di;
    const r = await verifyAny(revoked, ctx());
    expect([r.verdict, status(r).code, (status(r).details as { statusMessage?: string }).statusMessage]).toEqual(['INVALID', 'STATUS_REVOKED', 'revoked: result annulled']);
    expect(status(r).message).toContain('revoked: result annulled');
    expect((status(r).details as { url: string }).url).toBe(REVOCATION_LIST);
  });

  test('bad entries: statusSize 2 without statusMessage or with the wrong count → INVALID STATUS_ENTRY_MALFORMED; a size wider than read → UNKNOWN STATUS_SIZE_UNSUPPORTED', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [messageEntry(300, { statusMessage: undefined }), 'INVALID', 'STATUS_ENTRY_MALFORMED'],
      [messageEntry(300, { statusMessage: MESSAGES.slice(0, 2) }), 'INVALID', 'STATUS_ENTRY_MALFORMED'],
      [messageEntry(300, { statusSize: 0 }), 'INVALID', 'STATUS_ENTRY_MALFORMED'],
      [messageEntry(300, { statusSize: 12, statusMessage: undefined }), 'UNKNOWN', 'STATUS_SIZE_UNSUPPORTED'],
    ];
    for (const [entry, verdict, code] of cases) {
      const r = await verifyAny(await withEntries([entry]), ctx());
      expect([entry.statusSize, r.verdict, status(r).code]).toEqual([entry.statusSize, verdict, code]);
    }
  });
});
