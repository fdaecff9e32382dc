// @lp/wallet: the learner's wallet app (Node: CLI and files). The browser-safe core is
// '@lp/wallet/core' (wallet/src/core/index.ts).
export { run as runWalletCommand } from './cli/wallet-command.ts';
export type { WalletIo } from './cli/wallet-context.ts';
export { fileStorage } from './node/file-storage.ts';
export { loadTrust, trustBundle } from './node/trust-store.ts';
export type { LoadedTrust } from './node/trust-store.ts';
export { readImportInput } from './node/read-import-input.ts';
export { receivePickup } from './core/receive-pickup.ts';
export { printPaperBackup } from './node/print-paper-backup.ts';
export {
  Vault,
  listProfiles,
  exportBackup,
  restoreBackup,
  importCredential,
  createPresentation,
  createHolderKey,
  memoryStorage,
  WalletError,
  KDF_MINIMUM,
} from './core/index.ts';
export type { StoredCredential, WalletStorage, WalletErrorCode, ImportInput, ImportOutcome } from './core/index.ts';
