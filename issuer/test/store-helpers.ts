import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from '../src/store/index.ts';
import type { NewCredential, StatusAllocation } from '../src/store/index.ts';

export const T0 = '2026-06-01T09:00:00.000Z';

export function tempDb(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-store-'));
  return { file: path.join(dir, 'issuer.sqlite'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function storeCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof StoreError ? e.code : `not a StoreError: ${String(e)}`;
  }
  return undefined;
}

export function credential(id: string, status: StatusAllocation[], extra: Partial<NewCredential> = {}): NewCredential {
  return {
    id, kind: 'achievement', subject: { name: 'Amina Yusuf', candidateNumber: 'C-1' }, achievementCodes: ['MATH-9'],
    record: `{"id":"${id}",  "exact":"text as signed"}`, format: 'di', status, createdAt: T0, ...extra,
  };
}
