// The @digitalbazaar/* packages, jsonld and the context packages ship no TypeScript types.
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-signature-2020';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/multikey-context';
declare module 'did-context';
declare module 'jsonld';
declare module 'base58-universal';
declare module 'jsonld-signatures';

// qrcode's capacity lookup (used by QRCode.create itself); the package types only its top level.
declare module 'qrcode/lib/core/version.js' {
  const Version: { getBestVersionForData(data: unknown, ecl: unknown): number | undefined };
  export default Version;
}
declare module 'qrcode/lib/core/alphanumeric-data.js' {
  export default class AlphanumericData { constructor(text: string); }
}
declare module 'qrcode/lib/core/error-correction-level.js' {
  const ECLevel: { L: unknown; M: unknown; Q: unknown; H: unknown };
  export default ECLevel;
}

// jsonld's own context processing, IRI expansion and event handling, reused by the compiled
// expansion (packages/formats/src/lib/expand-compiled.ts) so that contexts mean exactly what they
// mean to jsonld.js; CommonJS modules without types.
declare module 'jsonld/lib/context.js';
declare module 'jsonld/lib/ContextResolver.js';
declare module 'jsonld/lib/events.js';
declare module 'jsonld/lib/url.js';
declare module 'jsonld/lib/util.js';
declare module 'jsonld/lib/types.js';
declare module 'rdf-canonize';
