import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hexToBytes } from '../../src/index.ts';

/** One Ed25519 verification vector, hex as in the files. */
export interface EdVector {
  label: string;
  publicKey: string;
  message: string;
  signature: string;
}

const root = fileURLToPath(new URL('../../../../test/vectors/ed25519/', import.meta.url));

/**
 * The 12 "Taming the many EdDSAs" edge cases (message hex) and the 196 ZIP-215 vectors (message
 * the ASCII string "Zcash"), see test/vectors/SOURCE.md.
 */
export function loadEdVectors(): EdVector[] {
  const edge = JSON.parse(readFileSync(root + 'edge-cases.json', 'utf8')) as { message: string; pub_key: string; signature: string }[];
  const zip = JSON.parse(readFileSync(root + 'zip215.json', 'utf8')) as { vk_bytes: string; sig_bytes: string }[];
  const zcash = Buffer.from('Zcash', 'ascii').toString('hex');
  return [
    ...edge.map((v, i) => ({ label: `edge-${String(i).padStart(2, '0')}`, publicKey: v.pub_key, message: v.message, signature: v.signature })),
    ...zip.map((v, i) => ({ label: `zip215-${String(i).padStart(3, '0')}`, publicKey: v.vk_bytes, message: zcash, signature: v.sig_bytes })),
  ];
}

export function bytesOf(v: EdVector): { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array } {
  return { publicKey: hexToBytes(v.publicKey), message: hexToBytes(v.message), signature: hexToBytes(v.signature) };
}

/** The vectors our policy accepts: pinned so that a change of verdict on any path is noticed. */
export const ACCEPTED = ['edge-02', 'edge-03'];

export function verdictTable(vectors: EdVector[], columns: Record<string, boolean[]>, keyCodes: string[]): string {
  const names = Object.keys(columns);
  const head = ['vector', 'key', ...names].join(' | ');
  const rows = vectors.map((v, i) => [v.label.padEnd(10), keyCodes[i]!.padEnd(17), ...names.map((n) => (columns[n]![i] ? 'VALID' : 'invalid').padEnd(n.length))].join(' | '));
  return [head, ...rows].join('\n');
}
