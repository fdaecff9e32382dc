// QR decode bench: success rate and time per decode for zxing-wasm and jsqr, side by side, over
// N seal-like texts (random base45, 300–600 characters) under photo-like distortions.
import { decodeQrWith, renderQrImage } from '@lp/qr/node';
import type { QrDecoder, RgbaImage } from '@lp/qr/node';
import {
  addNoise, blurImage, jpegReencode, lowerContrast, placeOnCanvas, rotateImage, seededRng, tiltImage,
} from '../packages/qr/test/lib/distort.ts';
import { sealLikeText } from '../packages/qr/test/lib/seal-text.ts';

type Distortion = [name: string, apply: (img: RgbaImage, seed: number) => RgbaImage];

const DISTORTIONS: Distortion[] = [
  ['clean', (img) => img],
  ['rotate 15°', (img) => rotateImage(img, 15)],
  ['rotate 45°', (img) => rotateImage(img, 45)],
  ['tilt 0.25', (img) => tiltImage(img, 0.25)],
  ['blur r1×3', (img) => blurImage(img, 1, 3)],
  ['noise σ25', (img, seed) => addNoise(img, 25, seededRng(seed))],
  ['low contrast 0.35', (img) => lowerContrast(img, 0.35)],
  ['JPEG q40', (img) => jpegReencode(img, 40)],
  ['combined', (img, seed) => jpegReencode(addNoise(blurImage(lowerContrast(
    tiltImage(rotateImage(img, 10), 0.15), 0.5), 1, 2), 10, seededRng(seed)), 50)],
];

export async function benchQrDecode(opts: { n?: number } = {}): Promise<{ title: string; headers: string[]; rows: string[][] }> {
  const n = opts.n ?? 20;
  const rng = seededRng(2024);
  const seals = Array.from({ length: n }, () => sealLikeText(rng, 300 + Math.floor(rng() * 301)));
  // Each seal at 4 px a module on a 600x600 unevenly lit page: a modest phone photo.
  const photos = seals.map((s) => placeOnCanvas(renderQrImage(s, { scale: 4 }), 600, 600));
  await decodeQrWith('zxing', photos[0]!); // load the wasm outside the timings
  const rows: string[][] = [];
  for (const [name, apply] of DISTORTIONS) {
    const ok: Record<QrDecoder, number> = { zxing: 0, jsqr: 0 };
    const ms: Record<QrDecoder, number> = { zxing: 0, jsqr: 0 };
    for (let i = 0; i < n; i++) {
      const img = apply(photos[i]!, i + 1);
      for (const decoder of ['zxing', 'jsqr'] as const) {
        const t0 = performance.now();
        const text = await decodeQrWith(decoder, img).then((r) => r.text, () => undefined);
        ms[decoder] += performance.now() - t0;
        if (text === seals[i]) ok[decoder]++;
      }
    }
    rows.push([
      name,
      `${ok.zxing}/${n}`, (ms.zxing / n).toFixed(0),
      `${ok.jsqr}/${n}`, (ms.jsqr / n).toFixed(0),
    ]);
  }
  return {
    title: `QR decode from photo-like images (${n} seals, 300–600 base45 chars, 4 px/module)`,
    headers: ['distortion', 'zxing ok', 'zxing ms', 'jsqr ok', 'jsqr ms'],
    rows,
  };
}

// Run alone: node --import tsx bench/qr.bench.ts [N]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, headers, rows } = await benchQrDecode({ n: Number(process.argv[2] ?? 20) });
  console.log(title);
  console.log(headers.join(' | '));
  for (const row of rows) console.log(row.join(' | '));
}
