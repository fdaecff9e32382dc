import { encodePng } from '@lp/qr/node';

/**
 * The app icon as PNG, drawn at run time (no binary in the repository): a blue square with a
 * white passport page and three lines, readable at 48 px and maskable (content inside the
 * middle 80 %).
 */
export function renderIconPng(size: number): Uint8Array {
  const data = new Uint8ClampedArray(size * size * 4);
  const inside = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 * size && x < x1 * size && y >= y0 * size && y < y1 * size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let rgb: [number, number, number] = [26, 79, 160];
      if (inside(x, y, 0.3, 0.2, 0.7, 0.8)) rgb = [255, 255, 255];
      for (const ly of [0.35, 0.48, 0.61]) if (inside(x, y, 0.38, ly, 0.62, ly + 0.05)) rgb = [26, 79, 160];
      const i = (y * size + x) * 4;
      data[i] = rgb[0]; data[i + 1] = rgb[1]; data[i + 2] = rgb[2]; data[i + 3] = 255;
    }
  }
  return encodePng({ data, width: size, height: size });
}
