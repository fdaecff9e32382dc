import { resizeImage } from './lib/resize-image.ts';
import type { RgbaImage } from './rgba-image.ts';

/**
 * Centres `image` on a white canvas of width x height, scaled down (never up) to fit with its
 * aspect ratio kept.
 */
export function letterboxImage(image: RgbaImage, width: number, height: number): RgbaImage {
  const f = Math.min(1, width / image.width, height / image.height);
  const w = Math.max(1, Math.round(image.width * f));
  const h = Math.max(1, Math.round(image.height * f));
  const fitted = resizeImage(image, w, h);
  const out = new Uint8ClampedArray(width * height * 4).fill(255);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  for (let y = 0; y < h; y++) {
    out.set(fitted.data.subarray(y * w * 4, (y + 1) * w * 4), ((oy + y) * width + ox) * 4);
  }
  return { data: out, width, height };
}

/**
 * Writes frames as a YUV4MPEG2 4:2:0 stream, the format of Chromium's
 * --use-file-for-fake-video-capture=FILE.y4m. Each frame is letterboxed onto a white
 * width x height canvas (both even, e.g. 640x480 or 1280x720); alpha is composited onto white.
 * Colours use BT.601 limited range (Y 16–235), which Chromium expects for I420.
 *
 * @example fs.writeFileSync('cam.y4m', writeY4m([renderQrImage(seal)], 640, 480, 10))
 */
export function writeY4m(frames: readonly RgbaImage[], width: number, height: number, fps = 10): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2 || width % 2 || height % 2) {
    throw new TypeError('y4m width and height must be even integers >= 2');
  }
  if (!Number.isInteger(fps) || fps < 1) throw new TypeError('fps must be a positive integer');
  if (frames.length === 0) throw new TypeError('at least one frame is needed');
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameTag = new TextEncoder().encode('FRAME\n');
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const frameSize = frameTag.length + ySize + 2 * cSize;
  const out = new Uint8Array(header.length + frames.length * frameSize);
  out.set(header, 0);
  let pos = header.length;
  for (const frame of frames) {
    const img = letterboxImage(frame, width, height);
    out.set(frameTag, pos);
    pos += frameTag.length;
    const yPlane = out.subarray(pos, pos + ySize);
    const uPlane = out.subarray(pos + ySize, pos + ySize + cSize);
    const vPlane = out.subarray(pos + ySize + cSize, pos + frameSize - frameTag.length);
    const rgb = (i: number): [number, number, number] => {
      const a = img.data[i + 3]! / 255;
      return [
        img.data[i]! * a + 255 * (1 - a),
        img.data[i + 1]! * a + 255 * (1 - a),
        img.data[i + 2]! * a + 255 * (1 - a),
      ];
    };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [r, g, b] = rgb((y * width + x) * 4);
        yPlane[y * width + x] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
      }
    }
    for (let y = 0; y < height / 2; y++) {
      for (let x = 0; x < width / 2; x++) {
        let r = 0, g = 0, b = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
          const [pr, pg, pb] = rgb(((2 * y + dy) * width + 2 * x + dx) * 4);
          r += pr / 4; g += pg / 4; b += pb / 4;
        }
        uPlane[y * (width / 2) + x] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
        vPlane[y * (width / 2) + x] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
      }
    }
    pos += frameSize - frameTag.length;
  }
  return out;
}
