import { decodeQr } from '@lp/qr';

/** Draws one frame (video or bitmap) on the canvas and decodes the QR code in it, if any. */
export async function decodeFrame(canvas: HTMLCanvasElement, source: CanvasImageSource, width: number, height: number): Promise<string | undefined> {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0);
  try {
    return (await decodeQr(ctx.getImageData(0, 0, width, height))).text;
  } catch {
    return undefined;
  }
}

export type ScanOutcome = { kind: 'text'; text: string } | { kind: 'camera-error' } | { kind: 'stopped' };

/**
 * The back camera, read continuously until a QR code is found or stop() is called: one decode
 * at a time, the next frame as soon as it finishes (a slow phone never queues frames).
 */
export interface CameraElements {
  video: HTMLVideoElement;
  /** Where frames are drawn for the decoder (hidden). */
  canvas: HTMLCanvasElement;
  /** Shown while the camera is off / on. */
  startButton: HTMLElement;
  stopButton: HTMLElement;
}

export class CameraScanner {
  #stream: MediaStream | undefined;

  constructor(private readonly el: CameraElements) {}

  get running(): boolean {
    return this.#stream !== undefined;
  }

  /** Resolves with the first QR text (the camera is then already stopped), or why there is none. */
  async scan(onStarted: () => void): Promise<ScanOutcome> {
    const video = this.el.video;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    } catch {
      return { kind: 'camera-error' };
    }
    this.#stream = stream;
    video.srcObject = stream;
    video.hidden = false;
    this.el.stopButton.hidden = false;
    this.el.startButton.hidden = true;
    await video.play().catch(() => undefined);
    onStarted();
    while (this.#stream === stream) {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        const text = await decodeFrame(this.el.canvas, video, video.videoWidth, video.videoHeight);
        if (text !== undefined && this.#stream === stream) {
          this.stop();
          return { kind: 'text', text };
        }
      }
      await new Promise((r) => setTimeout(r, 60));
    }
    return { kind: 'stopped' };
  }

  stop(): void {
    this.#stream?.getTracks().forEach((tr) => tr.stop());
    this.#stream = undefined;
    this.el.video.hidden = true;
    this.el.stopButton.hidden = true;
    this.el.startButton.hidden = false;
  }
}
