/**
 * zxing-wasm's types speak of ImageData, which Node lacks; a minimal stand-in keeps code that
 * does `new ImageData(...)` or `instanceof ImageData` working there. Browsers keep their own.
 */
export function installImageDataPolyfill(): void {
  const g = globalThis as { ImageData?: unknown };
  if (typeof g.ImageData === 'function') return;
  class ImageDataPolyfill {
    readonly data: Uint8ClampedArray;
    readonly width: number;
    readonly height: number;
    readonly colorSpace = 'srgb';
    constructor(dataOrWidth: Uint8ClampedArray | number, widthOrHeight: number, height?: number) {
      if (typeof dataOrWidth === 'number') {
        this.width = dataOrWidth;
        this.height = widthOrHeight;
        this.data = new Uint8ClampedArray(dataOrWidth * widthOrHeight * 4);
      } else {
        this.data = dataOrWidth;
        this.width = widthOrHeight;
        this.height = height ?? dataOrWidth.length / 4 / widthOrHeight;
      }
    }
  }
  g.ImageData = ImageDataPolyfill;
}
