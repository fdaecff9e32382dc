import { answerPresentationRequest } from '../oid4vc/answer-presentation-request.ts';
import { help } from './profile-commands.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, documentLoader, profileOf, unlock, type WalletIo } from './wallet-context.ts';

/** `lp wallet respond 'openid4vp://?…' [--ids ID …] [--json]`: answer a verifier's OpenID4VP request. */
export async function respondCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({
    args: argv,
    options: { ...PROFILE_OPTION, ids: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    return help(io, 'usage: lp wallet respond REQUEST_URI [--ids ID …] [--profile NAME] [--json]\n\nAnswers a verifier\'s OpenID4VP request (openid4vp://?…, from the QR on its page): a presentation\nof the credentials it asks for (default: every full record of those types that is not INVALID;\nchoose with --ids), signed by the profile\'s holder key for its nonce and client id, posted to\nthe verifier. Prints the verifier\'s verdict. Exit status: 0 VALID, 1 refused or INVALID, 2 usage or I/O error.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet respond REQUEST_URI [--ids ID …]');
  const { vault } = await unlock(io, profileOf(values));
  const out = await answerPresentationRequest(vault, positionals[0]!, { ...(values.ids ? { ids: values.ids } : {}), documentLoader, now: clock(io) });
  const verdict = (out.body as { verdict?: string })?.verdict ?? (out.status === 200 ? 'ACCEPTED' : 'REFUSED');
  if (values.json === true) io.stdout.write(JSON.stringify({ verifier: out.verifier, ids: out.ids, status: out.status, verdict }) + '\n');
  else io.stdout.write(`sent ${out.ids.length} credential(s) to ${out.verifier}: ${verdict}\n`);
  return out.status === 200 ? 0 : 1;
}
