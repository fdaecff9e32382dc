import { createQr } from './lib/create-qr.ts';
import { resolveRenderOptions, type QrRenderOptions } from './render-options.ts';
import type { RgbaImage } from './rgba-image.ts';

/**
 * Renders `text` as an RGBA image, black modules on white with a quiet zone. Browser-safe; the
 * node entry's renderQrPng encodes this as PNG.
 *
 * @example const img = renderQrImage('LP1:6BF...', { scale: 8 }); ctx.putImageData(new ImageData(img.data, img.width), 0, 0)
 */
export function renderQrImage(text: string, opts?: QrRenderOptions): RgbaImage {
  const { ecc, scale, margin } = resolveRenderOptions(opts);
  const { modules } = createQr(text, ecc);
  const n = modules.size;
  const side = (n + 2 * margin) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      if (!modules.get(my, mx)) continue;
      for (let dy = 0; dy < scale; dy++) {
        let o = (((my + margin) * scale + dy) * side + (mx + margin) * scale) * 4;
        for (let dx = 0; dx < scale; dx++, o += 4) {
          data[o] = 0; data[o + 1] = 0; data[o + 2] = 0;
        }
      }
    }
  }
  return { data, width: side, height: side };
}
