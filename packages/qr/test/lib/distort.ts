// Image distortions that imitate a phone photo of a printed or on-screen seal, for tests and the
// bench. Pure functions over RGBA images; randomness comes from an injected seeded generator.
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../../src/rgba-image.ts';

export type Rng = () => number;

/** mulberry32: a small seeded PRNG so every distorted image is reproducible. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleBilinear(src: RgbaImage, fx: number, fy: number, out: Uint8ClampedArray, o: number, bg: number): void {
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  const wx = fx - x0, wy = fy - y0;
  const { width, height, data } = src;
  for (let k = 0; k < 3; k++) {
    let acc = 0;
    for (const [dx, dy, w] of [[0, 0, (1 - wx) * (1 - wy)], [1, 0, wx * (1 - wy)], [0, 1, (1 - wx) * wy], [1, 1, wx * wy]] as const) {
      const x = x0 + dx, y = y0 + dy;
      const v = x >= 0 && y >= 0 && x < width && y < height ? data[(y * width + x) * 4 + k]! : bg;
      acc += v * w;
    }
    out[o + k] = acc;
  }
  out[o + 3] = 255;
}

/** Puts the image in the middle of a larger canvas of paper-like background (a photo's framing). */
export function placeOnCanvas(img: RgbaImage, width: number, height: number, bg = 235): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      // A gentle lighting gradient across the page, as under a desk lamp.
      const v = bg - 25 * (x / width) - 15 * (y / height);
      data[o] = v; data[o + 1] = v - 3; data[o + 2] = v - 8; data[o + 3] = 255;
    }
  }
  const ox = Math.floor((width - img.width) / 2), oy = Math.floor((height - img.height) / 2);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * 4, o = ((y + oy) * width + x + ox) * 4;
      // Multiply: white paper takes the background's tint, ink stays dark.
      for (let k = 0; k < 3; k++) data[o + k] = (img.data[s + k]! * data[o + k]!) / 255;
    }
  }
  return { data, width, height };
}

/** Rotates by `degrees` about the centre, bilinear, on a canvas large enough to hold the result. */
export function rotateImage(img: RgbaImage, degrees: number, bg = 255): RgbaImage {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t), s = Math.sin(t);
  const width = Math.ceil(Math.abs(img.width * c) + Math.abs(img.height * s));
  const height = Math.ceil(Math.abs(img.width * s) + Math.abs(img.height * c));
  const data = new Uint8ClampedArray(width * height * 4);
  const cx = img.width / 2, cy = img.height / 2, ox = width / 2, oy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - ox, dy = y + 0.5 - oy;
      // Inverse mapping: rotate the output point back into the source.
      sampleBilinear(img, c * dx + s * dy + cx - 0.5, -s * dx + c * dy + cy - 0.5, data, (y * width + x) * 4, bg);
    }
  }
  return { data, width, height };
}

/** Solves the 3x3 homography mapping four `from` points to four `to` points. */
function homography(from: readonly [number, number][], to: readonly [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!, [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let k = col; k < 9; k++) a[r]![k]! -= f * a[col]![k]!;
    }
  }
  return [...Array.from({ length: 8 }, (_, i) => a[i]![8]! / a[i]![i]!), 1];
}

/**
 * A perspective tilt: the top edge recedes (shrunk by `amount` of the width, e.g. 0.25) and
 * the image is foreshortened vertically, like a page photographed from below at an angle.
 */
export function tiltImage(img: RgbaImage, amount: number, bg = 255): RgbaImage {
  const { width, height } = img;
  const inset = (width * amount) / 2;
  const drop = height * amount * 0.3;
  const dest: [number, number][] = [[inset, drop], [width - inset, drop], [width, height], [0, height]];
  const src: [number, number][] = [[0, 0], [width, 0], [width, height], [0, height]];
  const h = homography(dest, src);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      sampleBilinear(img, sx, sy, data, (y * width + x) * 4, bg);
    }
  }
  return { data, width, height };
}

/** Gaussian-like blur: `passes` box blurs of `radius` (three passes approach a Gaussian). */
export function blurImage(img: RgbaImage, radius: number, passes = 3): RgbaImage {
  const { width, height } = img;
  const cur = new Float32Array(img.data);
  const span = 2 * radius + 1;
  const line = new Float32Array(Math.max(width, height) + 2 * radius);
  // One running-sum box pass over `count` samples starting at `start`, `stride` apart.
  const pass = (start: number, stride: number, count: number): void => {
    for (let i = 0; i < count + 2 * radius; i++) {
      const j = Math.min(count - 1, Math.max(0, i - radius));
      line[i] = cur[start + j * stride]!;
    }
    let sum = 0;
    for (let i = 0; i < span; i++) sum += line[i]!;
    for (let i = 0; i < count; i++) {
      cur[start + i * stride] = sum / span;
      if (i + 1 < count) sum += line[i + span]! - line[i]!;
    }
  };
  for (let p = 0; p < passes; p++) {
    for (let y = 0; y < height; y++) for (let k = 0; k < 3; k++) pass(y * width * 4 + k, 4, width);
    for (let x = 0; x < width; x++) for (let k = 0; k < 3; k++) pass(x * 4 + k, width * 4, height);
  }
  return { data: new Uint8ClampedArray(cur), width, height };
}

/** Adds Gaussian noise of standard deviation `sigma` (in 0–255 units) to every channel. */
export function addNoise(img: RgbaImage, sigma: number, rng: Rng): RgbaImage {
  const data = new Uint8ClampedArray(img.data);
  for (let i = 0; i < data.length; i += 4) {
    // Box–Muller; one draw per pixel, shared by the channels like sensor luminance noise.
    const n = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()) * sigma;
    data[i] = data[i]! + n; data[i + 1] = data[i + 1]! + n; data[i + 2] = data[i + 2]! + n;
  }
  return { data, width: img.width, height: img.height };
}

/** Squeezes values into `range` (0–1) of the full scale around `mid`: faded print, dim screen. */
export function lowerContrast(img: RgbaImage, range: number, mid = 140): RgbaImage {
  const data = new Uint8ClampedArray(img.data);
  for (let i = 0; i < data.length; i++) {
    if (i % 4 === 3) continue;
    data[i] = mid + (data[i]! - 127.5) * range;
  }
  return { data, width: img.width, height: img.height };
}

/** JPEG-encodes at `quality` (1–100) and decodes again (jpeg-js). */
export function jpegReencode(img: RgbaImage, quality: number): RgbaImage {
  return decodeJpeg(encodeJpeg(img, quality));
}

export function encodeJpeg(img: RgbaImage, quality: number): Uint8Array {
  const encoded = jpeg.encode({ data: img.data, width: img.width, height: img.height }, quality);
  return new Uint8Array(encoded.data);
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const d = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { data: new Uint8ClampedArray(d.data.buffer, d.data.byteOffset, d.data.length), width: d.width, height: d.height };
}
