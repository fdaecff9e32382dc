import fs from 'node:fs';

const TEMPLATE = fs.readFileSync(new URL('./service-worker.template.js', import.meta.url), 'utf8');

export interface ServiceWorkerOptions {
  /** The page's path and the worker's scope, e.g. '/verify'. */
  scope: string;
  /** Caches are named `${cachePrefix}${version}`; older ones with the prefix are deleted. */
  cachePrefix: string;
  /** Changes with the bundle (its ETag), so a new bundle installs a new cache. */
  version: string;
  /** Fetched and cached at install, so the page opens offline even before it was used. */
  precache: readonly string[];
}

/** The service worker of one page, from the shared template (values inserted as JSON literals). */
export function renderServiceWorker(opts: ServiceWorkerOptions): string {
  const values: Record<string, string> = {
    __SCOPE__: JSON.stringify(opts.scope),
    __CACHE_PREFIX__: JSON.stringify(opts.cachePrefix),
    __VERSION__: JSON.stringify(opts.version),
    __PRECACHE__: JSON.stringify(opts.precache),
  };
  return TEMPLATE.replace(/__(SCOPE|CACHE_PREFIX|VERSION|PRECACHE)__/g, (m) => values[m] ?? m);
}
