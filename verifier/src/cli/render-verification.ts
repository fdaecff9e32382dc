import type { Check } from '@lp/model';
import type { DisplayText, VerificationResult } from '@lp/verify';
import { terminalMessagesFor } from './terminal-messages.ts';

const MARK: Record<Check['status'], string> = { pass: 'ok  ', fail: 'FAIL', unknown: '??  ', skipped: '--  ' };
const COLOUR: Record<Check['status'], string> = { pass: '\x1b[32m', fail: '\x1b[31m', unknown: '\x1b[33m', skipped: '\x1b[2m' };
const VERDICT_COLOUR = { VALID: '\x1b[1;32m', INVALID: '\x1b[1;31m', UNKNOWN: '\x1b[1;33m' } as const;
const RESET = '\x1b[0m';

/**
 * Untrusted text for a terminal: control characters (which could move the cursor or recolour the
 * screen) and bidirectional formatting characters (U+202E could make "fdp.exe" read "exe.pdf";
 * Unicode TR #9, and CVE-2021-42574 "Trojan Source") are shown as \u{…} escapes, never obeyed.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

const t = (d: DisplayText | undefined) => (d ? terminalSafe(d.text) : '—');

/** A label and its colon, padded so that the values line up (isolates take no column). */
function head(label: string, width: number, indent = ''): string {
  const visible = [...label.replace(/[\u2066-\u2069]/g, '')].length;
  return `${indent}${label}:${' '.repeat(Math.max(1, width - indent.length - visible - 1))}`;
}

/**
 * What a person reads: who, what, from whom, then one line per check and the verdict, in `lang`
 * (default English). The check codes and the last line, `verdict: VALID|INVALID|UNKNOWN`, stay
 * the same in every language, for scripts and for whoever helps the reader.
 */
export function renderVerification(result: VerificationResult, opts: { colour: boolean; notice?: string; lang?: string }): string {
  const paint = (code: string, s: string) => (opts.colour ? `${code}${s}${RESET}` : s);
  const m = terminalMessagesFor(opts.lang);
  const width = Math.max(...(['learner', 'issuer', 'achievement', 'issued', 'trust'] as const).map((k) => [...m.label(k).replace(/[\u2066-\u2069]/g, '')].length)) + 2;
  const lines: string[] = [];
  const d = result.display;
  if (opts.notice) lines.push(paint('\x1b[33m', `${m.label('note')}: ${terminalSafe(opts.notice)}`));
  if (d) {
    lines.push(`${head(m.label('learner'), width)}${d.learner.name !== undefined ? terminalSafe(d.learner.name) : '—'}${d.learner.birthDate ? ` (${m.label('born', { date: terminalSafe(d.learner.birthDate) })})` : ''}`);
    for (const w of d.learner.warnings ?? []) {
      lines.push(paint('\x1b[33m', w.code === 'NAME_MIXED_SCRIPTS'
        ? `  warning:   the name mixes ${(w.scripts ?? []).join(' and ')} letters in one word (${w.items.map(terminalSafe).join(', ')}): compare it with an identity document [NAME_MIXED_SCRIPTS]`
        : `  warning:   the name holds invisible or text-direction characters (${w.items.join(', ')}) [NAME_INVISIBLE_CHARACTERS]`));
    }
    if (d.issuer) {
      const facts = [d.issuer.country, d.issuer.kind].filter(Boolean).join(', ');
      lines.push(`${head(m.label('issuer'), width)}${d.issuer.name ? t(d.issuer.name) : `(${m.label('notInBundle')})`}${facts ? ` (${facts})` : ''}  ${terminalSafe(d.issuer.id)}`);
    }
    for (const a of d.achievements) {
      const original = a.original && a.name && a.original.text !== a.name.text ? ` / ${t(a.original)}` : '';
      lines.push(`${head(m.label('achievement'), width)}${t(a.name)}${original}${a.code ? ` [${terminalSafe(a.code)}]` : ''}`);
      const scale = a.resultScale?.valueMin !== undefined || a.resultScale?.valueMax !== undefined ? ` (${a.resultScale?.valueMin ?? ''}–${a.resultScale?.valueMax ?? ''})` : '';
      if (a.result !== undefined) lines.push(`${head(m.label('result'), width, '  ')}${terminalSafe(a.result)}${scale}${a.resultStatus && a.resultStatus !== a.result ? `, ${terminalSafe(a.resultStatus)}` : ''}`);
      if (a.level) lines.push(`${head(m.label('level'), width, '  ')}${terminalSafe(a.level)}`);
      if (a.awardedAt) lines.push(`${head(m.label('awarded'), width, '  ')}${a.awardedAt.slice(0, 10)}`);
      if (a.partial) {
        const p = a.partial;
        lines.push(paint('\x1b[33m', `  ${p.monthsInGrade !== undefined ? m.label('monthsOf', { months: p.monthsCompleted, of: p.monthsInGrade }) : m.label('months', { months: p.monthsCompleted })}`));
      }
      if (a.partialTerms) {
        const p = a.partialTerms;
        lines.push(paint('\x1b[33m', `  ${p.termsInGrade !== undefined ? m.label('termsOf', { terms: p.termsCompleted, of: p.termsInGrade }) : m.label('terms', { terms: p.termsCompleted })}`));
      }
      if (a.nationalGrades) {
        const g = a.nationalGrades;
        lines.push(`${head(m.label('grades'), width, '  ')}${g.country} ${g.from === g.to ? g.from : `${g.from}–${g.to}`}`);
      }
      if (a.notionalHours !== undefined) lines.push(`${head(m.label('hours'), width, '  ')}${a.notionalHours}`);
      for (const c of a.competencies ?? []) {
        lines.push(`${head(m.label('competency'), width, '  ')}${t(c.name)}: ${terminalSafe(c.level)}${c.levels ? ` (${c.levels.map(terminalSafe).join(' < ')})` : ''}`);
      }
    }
    // Signed is when the issuer's key signed; valid from may be the award date, years earlier.
    if (d.signedAt) lines.push(`${head(m.label('signed'), width)}${d.signedAt}`);
    if (d.issuedAt) lines.push(`${head(m.label('validFrom'), width)}${d.issuedAt}${d.expiresAt ? `, ${m.label('expires', { date: d.expiresAt })}` : ''}`);
    if (d.bundle) {
      const bundle = m.label('bundle', { sequence: d.bundle.sequence, issued: d.bundle.issuedAt, days: Math.floor(d.bundle.ageSeconds / 86400), expires: d.bundle.expires });
      lines.push(`${head(m.label('trust'), width)}${bundle}${d.bundle.expired ? ` — ${m.label('expired')}` : ''}`);
    }
    if (d.statusAsOf) lines.push(m.label('statusAsOf', { date: d.statusAsOf }));
    lines.push('');
  }
  const idWidth = Math.max(...result.checks.map((c) => c.id.length));
  for (const c of result.checks) lines.push(`${paint(COLOUR[c.status], MARK[c.status])} ${c.id.padEnd(idWidth)}  ${c.code}: ${m.check(c.code, terminalSafe(c.message))}`);
  if (m.lang !== 'en') lines.push(`${m.label('verdict')}: ${paint(VERDICT_COLOUR[result.verdict], m.verdict(result.verdict))}`);
  lines.push(`verdict: ${paint(VERDICT_COLOUR[result.verdict], result.verdict)}`);
  return lines.join('\n') + '\n';
}
