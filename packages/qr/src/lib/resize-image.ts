import type { RgbaImage } from '../rgba-image.ts';

/** Bilinear resize to exactly width x height (for letterboxing frames; not for decoding). */
export function resizeImage(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width === width && image.height === height) return image;
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = image.width / width;
  const sy = image.height / height;
  const src = image.data;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(image.height - 1, Math.floor(fy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(image.width - 1, Math.floor(fx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      const a = (y0 * image.width + x0) * 4, b = (y0 * image.width + x1) * 4;
      const c = (y1 * image.width + x0) * 4, d = (y1 * image.width + x1) * 4;
      const o = (y * width + x) * 4;
      for (let k = 0; k < 4; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * wx;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * wx;
        out[o + k] = top + (bottom - top) * wy;
      }
    }
  }
  return { data: out, width, height };
}
