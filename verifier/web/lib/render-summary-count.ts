import { t } from '@lp/web-kit';

/**
 * The summary's first line. The page draws it for an empty summary before the summary's code is
 * loaded, so that code arriving (when a reader scrolls to it) moves nothing below it.
 */
export function summaryCountNode(count: number): HTMLElement {
  const p = document.createElement('p');
  p.className = 'summary-count';
  p.textContent = t('summary.count', { count });
  return p;
}
