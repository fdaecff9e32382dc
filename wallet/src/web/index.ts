// @lp/wallet/web: the learner's wallet page (served by `lp serve` at /wallet).
export { createWalletWebRouter, buildWalletPageOnce } from './create-wallet-web-router.ts';
export type { WalletWebOptions } from './create-wallet-web-router.ts';
