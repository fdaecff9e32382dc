import { encodePng } from '@lp/qr/node';

export type Rgb = readonly [number, number, number];

/**
 * An app icon as PNG, drawn at run time (no binary in the repository): a coloured square with a
 * white passport page and three lines, readable at 48 px and maskable (content inside the
 * middle 80 %). Each page has its own colour so that the two installed apps are told apart.
 */
export function renderIconPng(size: number, color: Rgb = [26, 79, 160]): Uint8Array {
  const data = new Uint8ClampedArray(size * size * 4);
  const inside = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 * size && x < x1 * size && y >= y0 * size && y < y1 * size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let rgb: Rgb = color;
      if (inside(x, y, 0.3, 0.2, 0.7, 0.8)) rgb = [255, 255, 255];
      for (const ly of [0.35, 0.48, 0.61]) if (inside(x, y, 0.38, ly, 0.62, ly + 0.05)) rgb = color;
      const i = (y * size + x) * 4;
      data[i] = rgb[0]; data[i + 1] = rgb[1]; data[i + 2] = rgb[2]; data[i + 3] = 255;
    }
  }
  return encodePng({ data, width: size, height: size });
}
