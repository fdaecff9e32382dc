// The wallet's vault and what verifies and stores credentials (Argon2id, AES-GCM, full records
// with JSON-LD), loaded by import() when a wallet is created, opened or restored: a module of its
// own, so that its code is a chunk apart from what shows the page.
export { createHolderKey, exportBackup, importCredential, receivePickup, restoreBackup, reverifyCredential, Vault } from '../../src/core/index.ts';
