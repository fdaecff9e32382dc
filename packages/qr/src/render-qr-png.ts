import { encodePng } from './encode-png.ts';
import type { QrRenderOptions } from './render-options.ts';
import { renderQrImage } from './render-qr-image.ts';

/**
 * Node only: renders `text` as PNG bytes (ecc M, scale 4, margin 4 by default).
 *
 * @example fs.writeFileSync('seal.png', await renderQrPng(sealText, { scale: 8 }))
 */
export async function renderQrPng(text: string, opts?: QrRenderOptions): Promise<Uint8Array> {
  return encodePng(renderQrImage(text, opts));
}
