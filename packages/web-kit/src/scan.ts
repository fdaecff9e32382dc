// @lp/web-kit/scan: reading QR codes in the page (camera and photos), with the decoders (jsQR, the
// zxing glue). Its own entry so that a page loads it with import() when a photo or the camera is
// first used: the decoders are a fifth of a page's code, and most visits never need them.
export { CameraScanner, decodeFrame } from './scan-camera.ts';
export type { CameraElements, ScanOutcome } from './scan-camera.ts';
export { configureZxing } from '@lp/qr';
export type { ZxingConfig } from '@lp/qr';
