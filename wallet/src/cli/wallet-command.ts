import { exportCommand, printCommand, restoreCommand } from './backup-commands.ts';
import { importCommand, receiveCommand } from './import-commands.ts';
import { presentCommand } from './present-command.ts';
import { respondCommand } from './respond-command.ts';
import { initCommand, profilesCommand, trustCommand } from './profile-commands.ts';
import { listCommand, qrCommand, showCommand } from './view-commands.ts';
import { WalletUsageError, type WalletIo } from './wallet-context.ts';

const HELP = `usage: lp wallet <command> [options]   (every command takes --profile NAME, default "default")

The learner's wallet: encrypted profiles under LP_WALLET_DIR (default ./wallet-data), one
passphrase each (LP_PASSPHRASE or a prompt). Works offline; only "receive" and "respond" use the network.

  init                         create a profile with its holder key; prints the holder DID last
  profiles                     list the profiles on this device
  trust BUNDLE.json --anchor DID   trust this bundle (signed by the pinned anchor)
  import FILE [--keep-invalid] a full record (JSON, vc+jwt) or a QR seal (photo, LP1: text)
  receive URL|OFFER_URI|QR.png [--pin PIN] [--keep-invalid]
                               collect credentials from a one-time pick-up link or OpenID4VCI offer
  list [--json]                the credentials: id, kind, issuer, achievement, verdict
  show ID [--lang CODE] [--json]   one credential (--json: the full record as received)
  qr ID [--out FILE.png]       its QR seal in the terminal, or as a PNG
  export --out FILE.lpw        encrypted backup (LP_BACKUP_PASSPHRASE may differ)
  restore FILE.lpw             restore a backup (atomic; twice adds nothing)
  print --out FILE.pdf         paper backup: all seals on A4 pages
  present --challenge C --domain D [--ids ID …] [--out FILE]   a signed presentation
  respond REQUEST_URI [--ids ID …]   answer a verifier's OpenID4VP request (openid4vp://…)

Exit status: 0 success or VALID, 1 INVALID, 3 UNKNOWN, 2 usage, I/O or passphrase error.`;

const COMMANDS: Record<string, (argv: string[], io: WalletIo) => Promise<number>> = {
  init: initCommand,
  profiles: profilesCommand,
  trust: trustCommand,
  import: importCommand,
  receive: receiveCommand,
  list: listCommand,
  show: showCommand,
  qr: qrCommand,
  export: exportCommand,
  restore: restoreCommand,
  print: printCommand,
  present: presentCommand,
  respond: respondCommand,
};

/** `lp wallet …`: dispatches to one command. Coded errors propagate to `lp` (printed, exit 2). */
export async function run(argv: string[], io: WalletIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout.write(HELP + '\n');
    return cmd ? 0 : 2;
  }
  const command = COMMANDS[cmd];
  if (!command) throw new WalletUsageError(`unknown command "${cmd}" (lp wallet --help)`);
  return command(rest, io);
}
