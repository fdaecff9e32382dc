import type { Check, Verdict } from '@lp/model';
import { terminalMessagesFor } from './terminal-messages.ts';

export interface RenderableResult {
  verdict: Verdict;
  checks: readonly Check[];
}

const MARK: Record<Check['status'], string> = { pass: 'ok  ', fail: 'FAIL', unknown: '??  ', skipped: '--  ' };

/**
 * One line per check, then the verdict: what a person reads in a terminal, in `lang` (default
 * English); the codes and the last line `verdict: …` are the same in every language.
 */
export function renderHuman(result: RenderableResult, lang?: string): string {
  const m = terminalMessagesFor(lang);
  const width = Math.max(...result.checks.map((c) => c.id.length), 5);
  const lines = result.checks.map((c) => `${MARK[c.status]} ${c.id.padEnd(width)}  ${c.code}: ${m.check(c.code, c.message)}`);
  if (m.lang !== 'en') lines.push(`${m.label('verdict')}: ${m.verdict(result.verdict)}`);
  return [...lines, `verdict: ${result.verdict}`].join('\n') + '\n';
}

/** `{verdict, checks:[{id,status,code,message}]}`: the machine form (--json). */
export function renderJson(result: RenderableResult): string {
  return JSON.stringify({ verdict: result.verdict, checks: result.checks.map(({ id, status, code, message }) => ({ id, status, code, message })) }) + '\n';
}
