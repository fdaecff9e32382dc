// Browser-safe wallet core (no node:*, no Buffer): the web wallet page and the CLI share it.
export { Vault, listProfiles, assertProfileName, zStoredCredential } from './vault.ts';
export type { StoredCredential, VaultData, HolderKey } from './vault.ts';
export { exportBackup, restoreBackup } from './backup.ts';
export { KDF_MINIMUM, readHeader, b64urlDecode, b64urlEncode } from './container.ts';
export type { ContainerHeader, KdfParams, UnlockedKey } from './container.ts';
export { memoryStorage } from './wallet-storage.ts';
export type { WalletStorage } from './wallet-storage.ts';
export { indexedDbStorage } from './indexeddb-storage.ts';
export { WalletError } from './wallet-error.ts';
export type { WalletErrorCode } from './wallet-error.ts';
export { importCredential } from './import-credential.ts';
export type { ImportInput, ImportOutcome } from './import-credential.ts';
export { createPresentation } from './create-presentation.ts';
export type { CreatePresentationOptions } from './create-presentation.ts';
export { createHolderKey } from './create-holder-key.ts';
export { isolateBidi } from './isolate-bidi.ts';
export { receivePickup } from './receive-pickup.ts';
export { parsePickupCode } from './parse-pickup-code.ts';
