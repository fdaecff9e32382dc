import fs from 'node:fs';
import path from 'node:path';

/** Writes through a temporary file and a rename: a killed run never leaves half a file behind. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
