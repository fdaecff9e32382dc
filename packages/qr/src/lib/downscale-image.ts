import type { RgbaImage } from '../rgba-image.ts';

/**
 * Shrinks `image` so its longest side is at most `maxSide`, averaging each source box (area
 * sampling keeps thin QR modules from aliasing away). Returns the image itself if already small.
 */
export function downscaleImage(image: RgbaImage, maxSide: number): RgbaImage {
  const { width, height, data } = image;
  const longest = Math.max(width, height);
  if (longest <= maxSide) return image;
  const f = Math.ceil(longest / maxSide);
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const out = new Uint8ClampedArray(w * h * 4);
  const area = f * f;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let dy = 0; dy < f; dy++) {
        let o = ((y * f + dy) * width + x * f) * 4;
        for (let dx = 0; dx < f; dx++, o += 4) {
          r += data[o]!; g += data[o + 1]!; b += data[o + 2]!; a += data[o + 3]!;
        }
      }
      const p = (y * w + x) * 4;
      out[p] = r / area; out[p + 1] = g / area; out[p + 2] = b / area; out[p + 3] = a / area;
    }
  }
  return { data: out, width: w, height: h };
}
