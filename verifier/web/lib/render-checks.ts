import type { Check } from '@lp/model';
import { t } from '@lp/web-kit';

/** A stable code as the page shows it: its own style, left to right inside text of either direction. */
export function codeSpan(code: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'check-code';
  el.dir = 'ltr';
  el.textContent = code;
  return el;
}

/**
 * One list item per check, as every result on the page lists them: the mark, the check's status
 * line, the sentence its stable code translates to (`detail`: '' for a code without one, so the
 * status line stands alone) and the code itself.
 */
export function renderCheckItems(checks: readonly Check[], detail: (code: string) => string): HTMLLIElement[] {
  return checks.map((c) => {
    const li = document.createElement('li');
    li.className = `check-${c.status}`;
    li.dataset.code = c.code;
    li.dataset.check = c.id;
    const mark = document.createElement('span');
    mark.className = 'check-mark';
    mark.textContent = c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : c.status === 'unknown' ? '?' : '–';
    const body = document.createElement('span');
    const strong = document.createElement('strong');
    strong.textContent = t(`checkStatus.${c.status}`, { check: t(`checkName.${c.id}`) });
    body.append(strong, ' ', detail(c.code), ' ', codeSpan(c.code));
    li.append(mark, body);
    return li;
  });
}
