/** Offline after the first visit: the worker is served by the page's router at `${base}/sw.js`. */
export function registerServiceWorker(base: string): void {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register(`${base}/sw.js`, { scope: base }).catch(() => undefined);
}
