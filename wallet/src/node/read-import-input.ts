import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeQrFromFile } from '@lp/qr/node';
import type { ImportInput } from '../core/import-credential.ts';
import { WalletError } from '../core/wallet-error.ts';

/** Seals and full records are far smaller; a bigger file is not something to import. */
const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * Reads `lp wallet import FILE`: a photo (PNG/JPEG) of a QR seal, a text file with `LP1:…`, or a
 * full record (JSON or vc+jwt), told apart by content, not by name. The full record text is
 * returned exactly as in the file (only a UTF-8 BOM would remain: stored as received).
 */
export async function readImportInput(file: string, cwd: string): Promise<ImportInput> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(cwd, file)));
  } catch (e) {
    throw new WalletError('INPUT_UNRECOGNISED', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (bytes.length > MAX_IMPORT_BYTES) throw new WalletError('INPUT_UNRECOGNISED', `${file} is larger than ${MAX_IMPORT_BYTES} bytes`);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (isPng || isJpeg) {
    let text: string;
    try {
      text = (await decodeQrFromFile(bytes)).text;
    } catch (e) {
      throw new WalletError('INPUT_UNRECOGNISED', `no readable QR code in ${file} (${(e as { code?: string }).code ?? 'unreadable'})`);
    }
    if (!text.trim().startsWith('LP1:')) throw new WalletError('INPUT_UNRECOGNISED', `the QR code in ${file} is not a Learning Passport seal`);
    return { seal: text.trim(), source: 'seal' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WalletError('INPUT_UNRECOGNISED', `${file} is neither an image nor UTF-8 text`);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('LP1:')) return { seal: trimmed, source: 'seal' };
  if (trimmed.startsWith('{') || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) return { fullRecord: text, source: 'file' };
  throw new WalletError('INPUT_UNRECOGNISED', `${file} is not a credential (JSON, vc+jwt, LP1: seal or a QR photo)`);
}
