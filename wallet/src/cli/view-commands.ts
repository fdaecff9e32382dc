import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderQrPng, renderQrTerminal } from '@lp/qr/node';
import type { DisplayText } from '@lp/verify';
import { isLanguageTag } from '@lp/model';
import { isolateBidi } from '../core/isolate-bidi.ts';
import { reverifyCredential } from '../core/reverify-credential.ts';
import { WalletError } from '../core/wallet-error.ts';
import { help } from './profile-commands.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, notFound, profileOf, unlock, verifyContext, type WalletIo } from './wallet-context.ts';

/** `lp wallet list [--json]`: id, kind, issuer, achievement, verdict (verified again now, against the freshest bundle held). */
export async function listCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values } = args({ args: argv, options: { ...PROFILE_OPTION, json: { type: 'boolean' } } });
  if (values.help) return help(io, 'usage: lp wallet list [--profile NAME] [--json]\n\nOne line per credential: id, kind, issuer, achievement, verdict (checked again now, offline,\nagainst the freshest trust bundle the wallet holds; --json also gives the verdict on import).');
  const { vault, storage } = await unlock(io, profileOf(values));
  const ctx = vault.credentials.length > 0 ? await verifyContext(io, storage, clock(io)) : undefined;
  const rows = [];
  for (const c of vault.credentials) {
    const now = await reverifyCredential(c, ctx!);
    rows.push({
      id: c.id,
      kind: c.kind,
      issuer: c.summary.issuerName ?? c.summary.issuer,
      achievement: c.summary.achievements.map((a) => a.name ?? a.code ?? '').filter(Boolean).join('; '),
      verdict: now.verdict,
      verdictOnImport: c.verification.verdict,
      forms: [c.fullRecord !== undefined ? 'record' : undefined, c.seal !== undefined ? 'seal' : undefined].filter(Boolean),
    });
  }
  if (values.json) {
    io.stdout.write(JSON.stringify(rows) + '\n');
    return 0;
  }
  if (rows.length === 0) io.stdout.write(`no credentials in profile "${vault.profile}" (lp wallet import FILE, lp wallet receive URL)\n`);
  for (const r of rows) {
    io.stdout.write(`${r.verdict.padEnd(7)}  ${r.id}  ${r.kind}  ${isolateBidi(r.issuer, undefined)}  ${isolateBidi(r.achievement, undefined)}\n`);
  }
  return 0;
}

/**
 * `lp wallet show ID [--lang CODE] [--json]`. --json prints the stored full record exactly as
 * received. The human form re-runs the pipeline (offline) for the display in the chosen language
 * beside the original; right-to-left text is wrapped in Unicode isolates and kept in logical order.
 */
export async function showCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: { ...PROFILE_OPTION, lang: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) {
    return help(io, 'usage: lp wallet show ID [--lang CODE] [--profile NAME] [--json]\n\n--json prints the full record exactly as received (or {"seal": …} for a seal-only credential).\nThe human form names achievements and results in --lang (from the trust bundle\'s catalogue)\nbeside the original. Right-to-left text (Arabic, Persian, Pashto…) is wrapped in Unicode\ndirectional isolates (U+2067…U+2069) and printed in logical order: a terminal with bidi support\nshows it right to left; one without still shows every character, in reading order.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet show ID');
  if (values.lang !== undefined && !isLanguageTag(values.lang)) throw new WalletUsageError(`--lang ${values.lang} is not a language tag (e.g. en, ar, fa, uk)`);
  const { vault, storage } = await unlock(io, profileOf(values));
  const c = vault.find(positionals[0]!);
  if (!c) throw notFound(positionals[0]!);
  if (values.json) {
    io.stdout.write(c.fullRecord ?? JSON.stringify({ seal: c.seal }) + '\n');
    return 0;
  }
  const now = clock(io);
  const ctx = await verifyContext(io, storage, now, values.lang);
  const again = await reverifyCredential(c, ctx);
  const r = again.result;
  const t = (x: DisplayText | undefined) => (x ? isolateBidi(x.text, x.dir) : undefined);
  const lines: string[] = [];
  lines.push(`credential  ${c.id}`);
  lines.push(`kind        ${c.kind}${c.fullRecord !== undefined ? '' : ' (seal only)'}${c.seal ? ', has a QR seal' : ''}`);
  const d = r.display;
  if (d?.learner.name) lines.push(`learner     ${isolateBidi(d.learner.name, undefined)}${d.learner.birthDate ? `, born ${d.learner.birthDate}` : ''}`);
  const issuer = d?.issuer;
  lines.push(`issuer      ${t(issuer?.name) ?? c.summary.issuerName ?? c.summary.issuer}${issuer?.country ? ` (${issuer.country})` : ''}${issuer && !issuer.listed ? ' — NOT in the trust bundle' : ''}`);
  for (const a of d?.achievements ?? []) {
    const name = t(a.name);
    const original = t(a.original);
    const both = name && original && a.name?.text !== a.original?.text ? `${name} — ${original}` : (name ?? original ?? a.code ?? '?');
    lines.push(`achievement ${both}${a.code ? `  [${a.code}]` : ''}${a.level ? `  ISCED ${a.levelCode ?? ''} ${a.level}` : ''}`);
    const scale = a.resultScale?.name ? ` (${t(a.resultScale.name)})` : '';
    if (a.result || a.resultStatus) lines.push(`  result    ${isolateBidi(a.result ?? a.resultStatus!, undefined)}${scale}`);
    if (a.awardedAt) lines.push(`  awarded   ${a.awardedAt.slice(0, 10)}`);
    if (a.partial) lines.push(`  months    ${a.partial.monthsCompleted}${a.partial.monthsInGrade !== undefined ? ` of ${a.partial.monthsInGrade}` : ''} completed — the grade is not completed`);
    if (a.partialTerms) lines.push(`  terms     ${a.partialTerms.termsCompleted}${a.partialTerms.termsInGrade !== undefined ? ` of ${a.partialTerms.termsInGrade}` : ''} completed — the grade is not completed`);
    if (a.nationalGrades) lines.push(`  grades    ${a.nationalGrades.from === a.nationalGrades.to ? `Grade ${a.nationalGrades.from}` : `Grades ${a.nationalGrades.from}–${a.nationalGrades.to}`} (${a.nationalGrades.country})`);
    if (a.notionalHours !== undefined) lines.push(`  hours     ${a.notionalHours} notional learning hours`);
    for (const k of a.competencies ?? []) lines.push(`  competency ${t(k.name) ?? '?'}: ${isolateBidi(k.level, undefined)}${k.levels ? ` (of ${k.levels.map((l) => isolateBidi(l, undefined)).join(' < ')})` : ''}`);
  }
  if (d?.signedAt) lines.push(`signed      ${d.signedAt}`);
  if (d?.issuedAt) lines.push(`valid from  ${d.issuedAt}`);
  if (d?.expiresAt) lines.push(`expires     ${d.expiresAt}`);
  // One statement about status, from the check that decided it (never "not revoked" beside INVALID).
  const status = again.checks.find((k) => k.id === 'status');
  if (status?.status === 'pass' && d?.statusAsOf) lines.push(`status      not revoked as of ${d.statusAsOf}`);
  else if (status?.status === 'fail') lines.push(`status      ${status.code === 'STATUS_SUSPENDED' ? 'SUSPENDED' : 'REVOKED'}: ${status.message}`);
  else if (status?.status === 'unknown') lines.push(`status      unknown: ${status.message}`);
  for (const k of again.checks) lines.push(`  ${k.status.padEnd(7)} ${k.id}: ${k.code}`);
  lines.push(`now         ${again.verdict}`);
  if (again.verdict !== c.verification.verdict) lines.push(`            (was ${c.verification.verdict} when imported on ${c.verification.verifiedAt.slice(0, 10)})`);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** `lp wallet qr ID [--out FILE.png]`: the seal as a QR code in the terminal, or a PNG. */
export async function qrCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: { ...PROFILE_OPTION, out: { type: 'string' } }, allowPositionals: true });
  if (values.help) return help(io, 'usage: lp wallet qr ID [--out FILE.png] [--profile NAME]\n\nShows the credential\'s QR seal in the terminal, or writes it as a PNG.');
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet qr ID [--out FILE.png]');
  const { vault } = await unlock(io, profileOf(values));
  const c = vault.find(positionals[0]!);
  if (!c) throw notFound(positionals[0]!);
  if (!c.seal) throw new WalletError('CREDENTIAL_NOT_PRESENTABLE', `${c.id} has no QR seal (import the seal, or receive it from the issuer)`);
  if (values.out) {
    await writeFile(resolve(io.cwd, values.out), await renderQrPng(c.seal, { ecc: 'M', scale: 8 }));
    io.stdout.write(`wrote ${values.out}\n`);
  } else {
    io.stdout.write(await renderQrTerminal(c.seal, { ecc: 'M' }));
    io.stdout.write('\n');
  }
  return 0;
}
