// One service worker template for both pages: each page's values are inserted as JSON literals.
import { describe, expect, test } from '@jest/globals';
import { renderServiceWorker } from '@lp/web-kit/node';

describe('renderServiceWorker', () => {
  const sw = renderServiceWorker({ scope: '/wallet', cachePrefix: 'lp-wallet-', version: 'abc123', precache: ['/wallet', '/wallet/app.js'] });

  test('fills every placeholder with the page values', () => {
    expect(sw).not.toMatch(/__[A-Z_]+__/);
    expect(sw).toContain('const SCOPE = "/wallet";');
    expect(sw).toContain('const CACHE = PREFIX + "abc123";');
    expect(sw).toContain('const PRECACHE = ["/wallet","/wallet/app.js"];');
  });

  test('is valid JavaScript', () => {
    expect(() => new Function(sw)).not.toThrow();
  });

  test('a quote in a value cannot break out of its string', () => {
    const odd = renderServiceWorker({ scope: '/x";alert(1);"', cachePrefix: 'p-', version: 'v', precache: [] });
    expect(odd).toContain('const SCOPE = "/x\\";alert(1);\\"";');
    expect(() => new Function(odd)).not.toThrow();
  });
});
