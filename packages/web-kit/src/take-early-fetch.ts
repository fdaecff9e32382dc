/**
 * A request the page's HTML already started (createPageRouter's head starts the config and the
 * trust bundle while the code downloads), taken once; any other path, or a second call, fetches
 * anew. The answer is the same Response a fetch here would give (headers included), so the
 * caller's offline and X-LP-From-Cache handling stays as it is.
 *
 * @example const res = await takeEarlyFetch('/verify/config.json', { cache: 'no-cache' })
 */
export function takeEarlyFetch(path: string, init?: RequestInit): Promise<Response> {
  const early = (globalThis as { lpEarly?: Record<string, Promise<Response> | undefined> }).lpEarly;
  const started = early?.[path];
  if (started) {
    delete early[path];
    return started;
  }
  return fetch(path, init);
}
