import { describe, expect, test } from '@jest/globals';
import { CryptoError, decryptKeyFile, encryptKeyFile, keyPairFromSeed, parseKeyFile, type KeyFile } from '../src/index.ts';

// Tests use a low scrypt cost, accepted on decrypt only through the explicit minN option.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const LOW = { minN: 2 ** 10 };
const PASS = 'correct horse battery staple';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return (err as CryptoError).code;
  }
}

async function fixture(): Promise<{ kp: Awaited<ReturnType<typeof keyPairFromSeed>>; file: KeyFile }> {
  const kp = await keyPairFromSeed(new Uint8Array(32).fill(5));
  let counter = 0;
  const file = await encryptKeyFile(kp, PASS, { label: 'Exams 2025', scrypt: FAST, random: (n) => new Uint8Array(n).map(() => counter++) });
  return { kp, file };
}

describe('key files encrypted at rest', () => {
  test('round trip, and the file is plain JSON with the public fields readable', async () => {
    const { kp, file } = await fixture();
    const text = JSON.stringify(file);
    expect(file).toMatchObject({
      type: 'LearningPassportKey',
      version: 1,
      label: 'Exams 2025',
      kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: 'AAECAwQFBgcICQoLDA0ODw' },
      cipher: { name: 'AES-256-GCM', iv: 'EBESExQVFhcYGRob' },
    });
    expect(file.did).toBe('did:key:' + file.publicKeyMultibase);
    expect(text).not.toContain(Buffer.from(kp.secretKey).toString('base64url'));
    expect(await decryptKeyFile(text, PASS, LOW)).toEqual(kp);
    expect(await decryptKeyFile(JSON.parse(text), PASS, LOW)).toEqual(kp);
    expect(parseKeyFile(text).did).toBe(file.did);
  });

  test('the default cost is N=2^17, r=8, p=1 and the default minimum refuses less', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(6));
    const { file } = await fixture();
    expect(await codeOf(decryptKeyFile(file, PASS))).toBe('KEY_FILE_WEAK_KDF');
    const strong = await encryptKeyFile(kp, PASS);
    expect(strong.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect(strong.kdf.salt).toHaveLength(22); // 16 random bytes
  });

  test('a wrong passphrase is KEY_FILE_PASSPHRASE with one generic message', async () => {
    const { file } = await fixture();
    const err = await decryptKeyFile(file, PASS + '!', LOW).catch((e: unknown) => e as CryptoError);
    expect(err).toMatchObject({ code: 'KEY_FILE_PASSPHRASE', message: 'wrong passphrase or damaged key file' });
    expect(await codeOf(decryptKeyFile(file, '', LOW))).toBe('KEY_FILE_PASSPHRASE');
  });

  test('the passphrase is NFC-normalised: composed and decomposed forms open the same file', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(7));
    const file = await encryptKeyFile(kp, 'Ça\u0301', { scrypt: FAST });
    expect(await decryptKeyFile(file, 'C\u0327á', LOW)).toEqual(kp);
  });

  test('tampered ciphertext, iv, label or KDF parameter: KEY_FILE_PASSPHRASE (AES-GCM tag)', async () => {
    const { file } = await fixture();
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(await codeOf(decryptKeyFile({ ...file, cipher: { ...file.cipher, ciphertext: flip(file.cipher.ciphertext) } }, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
    expect(await codeOf(decryptKeyFile({ ...file, cipher: { ...file.cipher, iv: flip(file.cipher.iv) } }, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
    expect(await codeOf(decryptKeyFile({ ...file, label: 'Someone else' }, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
    const { label: _label, ...unlabelled } = file;
    expect(await codeOf(decryptKeyFile(unlabelled, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
    expect(await codeOf(decryptKeyFile({ ...file, kdf: { ...file.kdf, p: 2 } }, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
  });

  test('a swapped did is detected: mismatching did → KEY_FILE_INVALID, consistent did+key of another → KEY_FILE_PASSPHRASE', async () => {
    const { file } = await fixture();
    const other = await encryptKeyFile(await keyPairFromSeed(new Uint8Array(32).fill(8)), PASS, { scrypt: FAST });
    expect(await codeOf(decryptKeyFile({ ...file, did: other.did }, PASS, LOW))).toBe('KEY_FILE_INVALID');
    // An attacker who swaps both public fields (so they agree) still fails the AES-GCM check.
    expect(await codeOf(decryptKeyFile({ ...file, did: other.did, publicKeyMultibase: other.publicKeyMultibase }, PASS, LOW))).toBe('KEY_FILE_PASSPHRASE');
  });

  test('lowered KDF parameters are refused before any decryption: KEY_FILE_WEAK_KDF', async () => {
    const { file } = await fixture();
    expect(await codeOf(decryptKeyFile({ ...file, kdf: { ...file.kdf, N: 512 } }, PASS, LOW))).toBe('KEY_FILE_WEAK_KDF');
    expect(await codeOf(decryptKeyFile({ ...file, kdf: { ...file.kdf, r: 1 } }, PASS, LOW))).toBe('KEY_FILE_WEAK_KDF');
    expect(await codeOf(decryptKeyFile({ ...file, kdf: { ...file.kdf, salt: 'AAAA' } }, PASS, LOW))).toBe('KEY_FILE_WEAK_KDF');
  });

  test('malformed files are KEY_FILE_INVALID', async () => {
    const { file } = await fixture();
    const bad: unknown[] = [
      '{not json',
      '',
      'null',
      42,
      [],
      { ...file, type: 'SomethingElse' },
      { ...file, version: 2 },
      { ...file, did: 'did:web:example.com' },
      { ...file, publicKeyMultibase: 'z6Mk' },
      { ...file, kdf: { ...file.kdf, name: 'pbkdf2' } },
      { ...file, kdf: { ...file.kdf, N: 1000 } }, // not a power of two
      { ...file, kdf: { ...file.kdf, N: 2 ** 30 } }, // hostile cost
      { ...file, kdf: { ...file.kdf, r: 1e9 } },
      { ...file, cipher: { ...file.cipher, name: 'AES-128-CBC' } },
      { ...file, cipher: { ...file.cipher, iv: '!!!!!!!!!!!!!!!!' } },
      { ...file, cipher: { ...file.cipher, ciphertext: file.cipher.ciphertext.slice(1) } },
      { ...file, cipher: undefined },
    ];
    for (const b of bad) expect([JSON.stringify(b)?.slice(0, 60), await codeOf(decryptKeyFile(b, PASS, LOW))]).toEqual([JSON.stringify(b)?.slice(0, 60), 'KEY_FILE_INVALID']);
  });

  test('encrypt refuses an empty passphrase and a mismatched key pair', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(5));
    expect(await codeOf(encryptKeyFile(kp, '', { scrypt: FAST }))).toBe('KEY_FILE_PASSPHRASE');
    await expect(encryptKeyFile({ ...kp, publicKey: new Uint8Array(32) }, PASS, { scrypt: FAST })).rejects.toThrow(TypeError);
  });
});
