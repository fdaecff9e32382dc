// The @digitalbazaar/* packages, jsonld and the context packages ship no TypeScript types.
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/multikey-context';
declare module 'did-context';
declare module 'jsonld';
declare module 'base58-universal';
declare module 'jsonld-signatures';
