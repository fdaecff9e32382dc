// Offline after the first visit: every GET under the scope is fetched from the network when it
// can be (fresh bundle and code) and from this cache when it cannot (marked X-LP-From-Cache). Generated per page by
// renderServiceWorker (@lp/web-kit/node) from this one template.
const SCOPE = __SCOPE__;
const PREFIX = __CACHE_PREFIX__;
const CACHE = PREFIX + __VERSION__;
const PRECACHE = __PRECACHE__;
// One cache entry per path: the code and styles are asked for under their versioned URLs
// (`?v=hash`, which the browser already holds from the page's own load, so installing downloads
// them no second time) and answered for the bare path too. What is not listed (zxing's .wasm) is
// cached by the fetch handler below the first time the page needs it.
const keyOf = (url) => (url.pathname === SCOPE + '/' || url.pathname === SCOPE + '/index.html' ? SCOPE : url.pathname);
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((c) => Promise.all(PRECACHE.map((path) => fetch(path).then((res) => {
        if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
        return c.put(keyOf(new URL(path, self.location.href)), res);
      }))))
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const key = keyOf(url);
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(key, copy));
        }
        return res;
      })
      .catch(() => caches.open(CACHE).then((c) => c.match(key)).then((hit) => (hit ? fromCache(hit) : Response.error()))),
  );
});
// A copy from the cache says so: a page asking the server "is there a newer trust bundle?" must
// not read its own old copy as the server's answer.
function fromCache(res) {
  const headers = new Headers(res.headers);
  headers.set('X-LP-From-Cache', '1');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
