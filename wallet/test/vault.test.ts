import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vault, listProfiles, type StoredCredential } from '../src/core/vault.ts';
import { exportBackup, restoreBackup } from '../src/core/backup.ts';
import { readHeader } from '../src/core/container.ts';
import { memoryStorage } from '../src/core/wallet-storage.ts';
import { fileStorage } from '../src/node/file-storage.ts';
import { WalletError } from '../src/core/wallet-error.ts';

const now = new Date('2026-03-01T10:00:00Z');
const holder = { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', seed: new Uint8Array(32).fill(7) };
const cred = (id: string): StoredCredential => ({
  id,
  kind: 'AchievementCredential',
  fullRecord: JSON.stringify({ id, name: 'امتحان – الرياضيات' }),
  receivedAt: now.toISOString(),
  source: 'file',
  verification: { verdict: 'VALID', checks: [], verifiedAt: now.toISOString() },
  summary: { issuer: 'did:key:zIssuer', achievements: [{ code: 'BECE-MATH', result: '452' }] },
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WalletError) return e.code;
    throw e;
  }
  return 'NO_ERROR';
}

describe('vault', () => {
  test('profiles on one device each have their own passphrase; the same id twice is one credential', async () => {
    const storage = fileStorage(mkdtempSync(join(tmpdir(), 'lp-vault-')));
    const amal = await Vault.create(storage, { profile: 'amal', passphrase: 'amal pass', holder, now });
    await Vault.create(storage, { profile: 'omar', passphrase: 'omar pass', holder, now });
    await amal.put([cred('urn:uuid:1')]);
    await amal.put([cred('urn:uuid:1'), cred('urn:uuid:2')]);
    const again = await Vault.unlock(storage, 'amal', 'amal pass');
    expect(again.credentials.map((c) => c.id)).toEqual(['urn:uuid:1', 'urn:uuid:2']);
    expect(again.credentials[0]?.fullRecord).toBe(cred('urn:uuid:1').fullRecord);
    expect(await code(Vault.unlock(storage, 'omar', 'amal pass'))).toBe('WRONG_PASSPHRASE');
    expect((await listProfiles(storage)).map((p) => p.profile)).toEqual(['amal', 'omar']);
    expect(await code(Vault.create(storage, { profile: 'amal', passphrase: 'x', holder, now }))).toBe('PROFILE_EXISTS');
    expect(await code(Vault.create(storage, { profile: '../x', passphrase: 'x', holder, now }))).toBe('PROFILE_NAME_INVALID');
  });
});

describe('backup', () => {
  test('export → restore into an empty wallet → byte-identical; restoring twice adds nothing', async () => {
    const a = memoryStorage();
    const vault = await Vault.create(a, { profile: 'amal', passphrase: 'p1', holder, now });
    await vault.put([cred('urn:uuid:1'), cred('urn:uuid:2')]);
    const backup = await exportBackup(vault, 'backup pass', { now });
    const b = memoryStorage();
    const first = await restoreBackup(b, backup, { passphrase: 'backup pass', now });
    expect(first).toEqual({ profile: 'amal', added: 2, created: true, total: 2 });
    const second = await restoreBackup(b, backup, { passphrase: 'backup pass', now });
    expect(second).toMatchObject({ added: 0, created: false, total: 2 });
    const restored = await Vault.unlock(b, 'amal', 'backup pass');
    expect(restored.holderDid).toBe(holder.did);
    expect(restored.credentials).toEqual(vault.credentials);
  });

  test('bad backups are refused and the wallet is left unchanged', async () => {
    const a = memoryStorage();
    const vault = await Vault.create(a, { profile: 'amal', passphrase: 'p1', holder, now });
    await vault.put([cred('urn:uuid:1')]);
    const backup = await exportBackup(vault, 'bp', { now });
    const target = memoryStorage();
    const flipped = backup.slice();
    flipped[flipped.length - 20]! ^= 0x01;
    expect(await code(restoreBackup(target, flipped, { passphrase: 'bp', now }))).toBe('WRONG_PASSPHRASE');
    expect(await code(restoreBackup(target, backup.subarray(0, backup.length - 30), { passphrase: 'bp', now }))).toBe('WRONG_PASSPHRASE');
    expect(await code(restoreBackup(target, backup.subarray(0, 6), { passphrase: 'bp', now }))).toBe('CONTAINER_TRUNCATED');
    expect(await code(restoreBackup(target, backup, { passphrase: 'wrong', now }))).toBe('WRONG_PASSPHRASE');
    const unknownVersion = backup.slice();
    unknownVersion[3] = 2;
    expect(await code(restoreBackup(target, unknownVersion, { passphrase: 'bp', now }))).toBe('CONTAINER_VERSION_UNSUPPORTED');
    // Lower the KDF cost in the header: refused before any derivation, whatever the tag says.
    const { header } = readHeader(backup);
    const weak = rewriteHeader(backup, { ...header, kdf: { ...header.kdf, m: 1024 } });
    expect(await code(restoreBackup(target, weak, { passphrase: 'bp', now }))).toBe('KDF_TOO_WEAK');
    const vaultFile = await a.read('profiles/amal.lpv');
    expect(await code(restoreBackup(target, vaultFile!, { passphrase: 'p1', now }))).toBe('CONTAINER_KIND_MISMATCH');
    expect(await target.list('')).toEqual([]);
  });

  test('file storage writes atomically (no temporary files left)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-vault-'));
    const storage = fileStorage(dir);
    await storage.write('profiles/x.lpv', new Uint8Array([1, 2, 3]));
    await storage.write('profiles/x.lpv', new Uint8Array([4]));
    expect(await storage.list('')).toEqual(['profiles/x.lpv']);
    expect([...readFileSync(join(dir, 'profiles', 'x.lpv'))]).toEqual([4]);
    writeFileSync(join(dir, 'profiles', 'y.lpv.tmp-1-2'), 'partial');
    expect(await storage.list('profiles/')).toEqual(['profiles/x.lpv']);
  });
});

function rewriteHeader(bytes: Uint8Array, header: object): Uint8Array {
  const oldLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4);
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + bytes.length - 8 - oldLen);
  out.set(bytes.subarray(0, 4));
  new DataView(out.buffer).setUint32(4, h.length);
  out.set(h, 8);
  out.set(bytes.subarray(8 + oldLen), 8 + h.length);
  return out;
}

describe('Argon2id', () => {
  test('hash-wasm derives the same bytes as @noble/hashes (RFC 9106 Argon2id)', async () => {
    const { argon2id: wasm } = await import('hash-wasm');
    const { argon2id: noble } = await import('@noble/hashes/argon2.js');
    const salt = new Uint8Array(16).fill(1);
    const a = await wasm({ password: 'pw', salt, iterations: 3, memorySize: 256, parallelism: 1, hashLength: 32, outputType: 'binary' });
    expect([...a]).toEqual([...noble('pw', salt, { t: 3, m: 256, p: 1, dkLen: 32 })]);
  });
});
