import { exitCodeOf, type Verdict } from '@lp/model';
import { WalletError } from '../core/wallet-error.ts';
import { importCredential, type ImportInput, type ImportOutcome } from '../core/import-credential.ts';
import { readImportInput } from '../node/read-import-input.ts';
import { receivePickup } from '../core/receive-pickup.ts';
import { readOfferInput } from '../oid4vc/read-offer-input.ts';
import { receiveCredentialOffer } from '../oid4vc/receive-credential-offer.ts';
import { help } from './profile-commands.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, profileOf, unlock, verifyContext, type WalletIo } from './wallet-context.ts';

const OPTIONS = { ...PROFILE_OPTION, 'keep-invalid': { type: 'boolean' }, json: { type: 'boolean' } } as const;
const RECEIVE_OPTIONS = { ...OPTIONS, pin: { type: 'string' } } as const;

/** `lp wallet import FILE [--keep-invalid]`: a full record (JSON, vc+jwt) or a seal (photo or LP1: text). */
export async function importCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) {
    return help(io, 'usage: lp wallet import FILE [--keep-invalid] [--profile NAME] [--json]\n\nFILE: a full record (JSON with a Data Integrity proof, or a vc+jwt), or a QR seal (a PNG/JPEG\nphoto, or a text file with LP1:…). It is verified against the wallet\'s trust bundle and kept\nwith its result; an INVALID credential is refused (exit 1) unless --keep-invalid.\nExit status: 0 VALID, 1 INVALID, 3 UNKNOWN, 2 usage or I/O error.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet import FILE');
  const input = await readImportInput(positionals[0]!, io.cwd);
  return store(io, input, profileOf(values), values['keep-invalid'] === true, values.json === true);
}

/**
 * `lp wallet receive URL|OFFER_URI|QR.png`: the issuer's one-time pick-up link, or an OpenID4VCI
 * credential offer from any conformant issuer (the wallet's only network use).
 */
export async function receiveCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: RECEIVE_OPTIONS, allowPositionals: true });
  if (values.help) {
    return help(io, 'usage: lp wallet receive URL|OFFER_URI|QR.png [--pin PIN] [--keep-invalid] [--profile NAME] [--json]\n\nFetches every credential of the issuer\'s pick-up link (full records and seals; a\ncertificate\'s code covers all of the learner\'s results and transcript), or of an OpenID4VCI\ncredential offer (openid-credential-offer://…, from any conformant issuer; the credential is\nbound to this profile\'s holder DID; --pin when the issuer gave a PIN). A photo of either QR\nworks too, and so does the link that opens an offer in the wallet page (…/wallet#offer=…). Both work once: a used or expired one is refused (PICKUP_USED / PICKUP_EXPIRED,\nOFFER_USED / OFFER_EXPIRED). Each credential is verified\nand kept; one line each, then a summary (--json: one JSON line per credential).\nExit status: 0 all VALID, 1 any INVALID, 3 any UNKNOWN (none INVALID), 2 usage or I/O error.\nThe only command that uses the network.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet receive URL|OFFER_URI|QR.png');
  const target = await readOfferInput(positionals[0]!, io.cwd);
  // The vault is unlocked first: a wrong passphrase must not spend the one-time code.
  const { vault, storage } = await unlock(io, profileOf(values));
  const inputs = target.kind === 'pickup'
    ? await receivePickup(target.url)
    : await receiveCredentialOffer(target.uri, { holder: { did: vault.holderDid, seed: vault.holderSeed }, now: clock(io), ...(values.pin !== undefined ? { txCode: values.pin } : {}) });
  const ctx = await verifyContext(io, storage, clock(io));
  const json = values.json === true;
  const verdicts: Verdict[] = [];
  // The code is spent: keep every credential that can be kept, even when one of them fails.
  for (const input of inputs) {
    let outcome: ImportOutcome;
    try {
      outcome = await importCredential(vault, input, ctx, { keepInvalid: values['keep-invalid'] === true });
    } catch (e) {
      if (!(e instanceof WalletError)) throw e;
      if (json) io.stdout.write(JSON.stringify({ outcome: 'refused', id: null, verdict: 'INVALID', error: { code: e.code, message: e.message } }) + '\n');
      else io.stderr.write(`lp wallet: refused an item: ${e.code}: ${e.message}\n`);
      verdicts.push('INVALID');
      continue;
    }
    report(io, outcome, json);
    verdicts.push(outcome.credential.verification.verdict);
  }
  const count = (v: Verdict) => verdicts.filter((x) => x === v).length;
  if (!json) {
    const parts = (['VALID', 'INVALID', 'UNKNOWN'] as const).filter((v) => count(v) > 0).map((v) => `${count(v)} ${v}`);
    io.stdout.write(`received ${verdicts.length} credential${verdicts.length === 1 ? '' : 's'}: ${parts.join(', ')}\n`);
  }
  return exitCodeOf(count('INVALID') > 0 ? 'INVALID' : count('UNKNOWN') > 0 ? 'UNKNOWN' : 'VALID');
}

async function store(io: WalletIo, input: ImportInput, profile: string, keepInvalid: boolean, json: boolean): Promise<number> {
  const { vault, storage } = await unlock(io, profile);
  const outcome = await importCredential(vault, input, await verifyContext(io, storage, clock(io)), { keepInvalid });
  return report(io, outcome, json);
}

/** One credential's line (stdout) and its failing checks (stderr); its exit code. */
function report(io: WalletIo, o: ImportOutcome, json: boolean): number {
  const { credential: c } = o;
  if (json) {
    io.stdout.write(JSON.stringify({ outcome: o.outcome, id: c.id, kind: c.kind, verdict: c.verification.verdict, checks: c.verification.checks }) + '\n');
  } else {
    const failing = c.verification.checks.filter((k) => k.status !== 'pass' && k.status !== 'skipped');
    for (const k of failing) io.stderr.write(`  ${k.status === 'fail' ? 'FAIL' : '??  '} ${k.id}: ${k.code}: ${k.message}\n`);
    const what = c.summary.achievements.map((a) => a.name ?? a.code).filter(Boolean).join(', ');
    if (o.outcome === 'refused') {
      io.stderr.write(`lp wallet: refused ${c.id}: the credential is INVALID (keep it anyway with --keep-invalid)\n`);
    } else {
      io.stdout.write(`${o.outcome === 'added' ? 'imported' : 'already held, updated'}: ${c.id} (${c.kind}${what ? `: ${what}` : ''}) — ${c.verification.verdict}\n`);
    }
  }
  return exitCodeOf(c.verification.verdict);
}
