import type { Check, Verdict } from '@lp/model';

export interface RenderableResult {
  verdict: Verdict;
  checks: readonly Check[];
}

const MARK: Record<Check['status'], string> = { pass: 'ok  ', fail: 'FAIL', unknown: '??  ', skipped: '--  ' };

/** One line per check, then the verdict: what a person reads in a terminal. */
export function renderHuman(result: RenderableResult): string {
  const width = Math.max(...result.checks.map((c) => c.id.length), 5);
  const lines = result.checks.map((c) => `${MARK[c.status]} ${c.id.padEnd(width)}  ${c.code}: ${c.message}`);
  return [...lines, `verdict: ${result.verdict}`].join('\n') + '\n';
}

/** `{verdict, checks:[{id,status,code,message}]}`: the machine form (--json). */
export function renderJson(result: RenderableResult): string {
  return JSON.stringify({ verdict: result.verdict, checks: result.checks.map(({ id, status, code, message }) => ({ id, status, code, message })) }) + '\n';
}
