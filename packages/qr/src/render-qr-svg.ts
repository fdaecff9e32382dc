import { createQr } from './lib/create-qr.ts';
import { resolveRenderOptions, type QrRenderOptions } from './render-options.ts';

/**
 * Renders `text` as a standalone SVG document: one path of unit squares, crisp at any size.
 * Async to match the other renderers (and qrcode's toString).
 *
 * @example const svg = await renderQrSvg(sealText, { ecc: 'Q' })
 */
export async function renderQrSvg(text: string, opts?: QrRenderOptions): Promise<string> {
  const { ecc, scale, margin } = resolveRenderOptions(opts);
  const { modules } = createQr(text, ecc);
  const n = modules.size;
  const side = n + 2 * margin;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) { x++; continue; }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h-${x - start}z`;
    }
  }
  const px = side * scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">`
    + `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>\n`;
}
