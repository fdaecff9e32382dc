import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createPresentation } from '../core/create-presentation.ts';
import { help } from './profile-commands.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, documentLoader, profileOf, unlock, type WalletIo } from './wallet-context.ts';

/** `lp wallet present --challenge C --domain D [--ids ID …] [--out FILE]`. */
export async function presentCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({
    args: argv,
    options: { ...PROFILE_OPTION, challenge: { type: 'string' }, domain: { type: 'string' }, ids: { type: 'string', multiple: true }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) {
    return help(io, 'usage: lp wallet present --challenge C --domain D [--ids ID …] [--out FILE] [--profile NAME]\n\nA Verifiable Presentation of the chosen credentials (default: all full records not INVALID),\nsigned by the profile\'s holder key (DataIntegrityProof eddsa-rdfc-2022, proofPurpose\nauthentication) for the verifier\'s one-time challenge and domain. Get the challenge from the\nverifier (POST /presentations/challenges); send the result to POST /presentations/verify.');
  }
  if (!values.challenge || !values.domain) throw new WalletUsageError('a presentation needs the verifier\'s --challenge and --domain');
  // `--ids A B C` and `--ids A --ids B` both work.
  const ids = [...(values.ids ?? []), ...positionals];
  const { vault } = await unlock(io, profileOf(values));
  const vp = await createPresentation(vault, { challenge: values.challenge, domain: values.domain, ...(ids.length ? { ids } : {}), documentLoader, now: clock(io) });
  const text = JSON.stringify(vp, null, 2) + '\n';
  if (values.out) {
    await writeFile(resolve(io.cwd, values.out), text);
    io.stdout.write(`wrote ${values.out}: ${(vp.verifiableCredential as unknown[]).length} credential(s), holder ${vault.holderDid}\n`);
  } else io.stdout.write(text);
  return 0;
}
