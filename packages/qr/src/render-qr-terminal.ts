import { createQr } from './lib/create-qr.ts';
import type { QrEcc } from './rgba-image.ts';

// Upper-half, lower-half and full blocks: two module rows per text line (qrcode's 'utf8' form).
const TOP = '\u2580';
const BOTTOM = '\u2584';
const FULL = '\u2588';

/**
 * Renders `text` as lines of Unicode half blocks, two module rows per line, light modules drawn
 * as blocks so it scans on a dark terminal as on paper (the quiet zone is drawn too).
 *
 * @example process.stdout.write(await renderQrTerminal(sealText))
 */
export async function renderQrTerminal(text: string, opts: { ecc?: QrEcc; margin?: number } = {}): Promise<string> {
  const margin = opts.margin ?? 2;
  const { modules } = createQr(text, opts.ecc ?? 'M');
  const n = modules.size;
  const light = (y: number, x: number): boolean =>
    y < 0 || x < 0 || y >= n || x >= n || !modules.get(y, x);
  const lines: string[] = [];
  for (let y = -margin; y < n + margin; y += 2) {
    let line = '';
    for (let x = -margin; x < n + margin; x++) {
      const top = light(y, x);
      const bottom = y + 1 < n + margin ? light(y + 1, x) : false;
      line += top && bottom ? FULL : top ? TOP : bottom ? BOTTOM : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}
