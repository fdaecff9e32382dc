// @lp/web-kit/node: Node-only build and serving tools for the pages (esbuild, express, node:fs).
// Apps use it at server start; nothing here is bundled into a page.
export { buildWebPage, buildWebPageOnce } from './build-web-page.ts';
export type { BuiltPage } from './build-web-page.ts';
export { createPageRouter } from './create-page-router.ts';
export type { PageRouterOptions, PageTrustOptions } from './create-page-router.ts';
export { renderServiceWorker } from './render-service-worker.ts';
export type { ServiceWorkerOptions } from './render-service-worker.ts';
export { renderIconPng } from './render-icon.ts';
export type { Rgb } from './render-icon.ts';
export { RateLimiter, parseRateLimit } from './rate-limiter.ts';
