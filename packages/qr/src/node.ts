// Node entry (@lp/qr/node): everything in the browser entry, plus PNG/JPEG files (pngjs uses
// Buffer and zlib), the zxing .wasm read from node_modules, and the Y4M writer for the
// browser tests' fake camera. decodeQr/decodeQrWith here configure zxing-wasm themselves.
export { QrError } from './qr-error.ts';
export type { QrErrorCode } from './qr-error.ts';
export { MAX_IMAGE_PIXELS } from './rgba-image.ts';
export type { RgbaImage, QrEcc } from './rgba-image.ts';
export type { QrRenderOptions } from './render-options.ts';
export { qrVersionFor } from './qr-version-for.ts';
export { renderQrImage } from './render-qr-image.ts';
export { renderQrSvg } from './render-qr-svg.ts';
export { renderQrTerminal } from './render-qr-terminal.ts';
export { renderQrPng } from './render-qr-png.ts';
export { configureZxing } from './configure-zxing.ts';
export type { ZxingConfig } from './configure-zxing.ts';
export { useBundledZxing } from './use-bundled-zxing.ts';
export { decodeQr, decodeQrWith, decodeQrFromFile } from './decode-qr-file.ts';
export { DECODE_PIXEL_BUDGET } from './decode-qr.ts';
export type { DecodeResult, QrDecoder } from './decode-qr.ts';
export { readImageHeader } from './read-image-header.ts';
export type { ImageHeader } from './read-image-header.ts';
export { decodeImageFile } from './decode-image-file.ts';
export type { DecodeImageOptions } from './decode-image-file.ts';
export { encodePng } from './encode-png.ts';
export { writeY4m, letterboxImage } from './y4m.ts';
