import { describe, expect, test } from '@jest/globals';
import { letterboxImage, renderQrImage, writeY4m } from '../src/node.ts';

describe('writeY4m', () => {
  const qr = renderQrImage('LP1:HELLO', { scale: 4 });

  test('writes a 4:2:0 YUV4MPEG2 stream Chromium can use as a fake camera', () => {
    const out = writeY4m([qr, qr], 640, 480, 5);
    const text = new TextDecoder('latin1').decode(out.subarray(0, 80));
    const header = text.slice(0, text.indexOf('\n') + 1);
    expect(header).toBe('YUV4MPEG2 W640 H480 F5:1 Ip A1:1 C420jpeg\n');
    const frame = 6 + 640 * 480 * 1.5;
    expect(out.length).toBe(header.length + 2 * frame);
    expect(new TextDecoder().decode(out.subarray(header.length, header.length + 6))).toBe('FRAME\n');
    // Corner of the letterbox is white: Y 235, U and V 128 (BT.601 limited range).
    const y0 = header.length + 6;
    expect(out[y0]).toBe(235);
    expect(out[y0 + 640 * 480]).toBe(128);
    // The QR's top-left finder pattern is black (Y 16) at the quiet-zone edge.
    const ox = Math.floor((640 - qr.width) / 2) + 16 + 2, oy = Math.floor((480 - qr.height) / 2) + 16 + 2;
    expect(out[y0 + oy * 640 + ox]).toBe(16);
  });

  test('letterbox scales a large image down to fit, keeping its aspect', () => {
    const wide = { data: new Uint8ClampedArray(800 * 200 * 4).fill(0), width: 800, height: 200 };
    const boxed = letterboxImage(wide, 400, 400);
    expect(boxed.width).toBe(400);
    expect(boxed.data[0]).toBe(255); // top band is white
    expect(boxed.data[(200 * 400 + 200) * 4]).toBe(0); // middle is the black image
  });

  test.each([[641, 480], [640, 0], [0, 2]])('odd or empty size %ix%i is refused', (w, h) => {
    expect(() => writeY4m([qr], w, h)).toThrow(TypeError);
  });
});
