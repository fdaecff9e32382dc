import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const LP = `${REPO}cli/bin/lp.js`;

export function lp(args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [LP, ...args], { cwd: opts.cwd, env: { PATH: process.env.PATH ?? '', HOME: opts.cwd, ...opts.env }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

export async function testKey(seedByte = 3) {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(seedByte));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  return { keyPair, did, vm: `${did}#${did.slice('did:key:'.length)}` };
}

/** The Grade 9 fixture with the permanent project context URL. */
export function grade9(): Record<string, unknown> {
  const cred = JSON.parse(readFileSync(`${REPO}test/fixtures/example-achievement-credential-grade9-math.json`, 'utf8')) as Record<string, unknown>;
  cred['@context'] = (cred['@context'] as string[]).map((c) => (c === 'https://learning-passport.example/contexts/lp-v1.jsonld' ? 'https://w3id.org/learning-passport/v1' : c));
  return cred;
}
