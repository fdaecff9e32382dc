// Browser-safe entry: rendering to SVG/terminal/RGBA and decoding RGBA pixels. PNG/JPEG files
// and the zxing .wasm from node_modules are in the node entry (@lp/qr/node).
export { QrError } from './qr-error.ts';
export type { QrErrorCode } from './qr-error.ts';
export { MAX_IMAGE_PIXELS } from './rgba-image.ts';
export type { RgbaImage, QrEcc } from './rgba-image.ts';
export type { QrRenderOptions } from './render-options.ts';
export { qrVersionFor } from './qr-version-for.ts';
export { renderQrImage } from './render-qr-image.ts';
export { renderQrSvg } from './render-qr-svg.ts';
export { renderQrTerminal } from './render-qr-terminal.ts';
export { configureZxing } from './configure-zxing.ts';
export type { ZxingConfig } from './configure-zxing.ts';
export { decodeQr, decodeQrWith, DECODE_PIXEL_BUDGET } from './decode-qr.ts';
export type { DecodeResult, QrDecoder } from './decode-qr.ts';
export { readImageHeader } from './read-image-header.ts';
export type { ImageHeader } from './read-image-header.ts';
