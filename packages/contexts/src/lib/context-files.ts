/**
 * Which URL each bundled context file is served at. The files in packages/contexts/contexts/ are
 * byte-identical copies (see contexts/SOURCE.md); scripts/generate.ts compiles them into
 * bundled.ts.
 */
export const CONTEXT_FILES = [
  { url: 'https://www.w3.org/ns/credentials/v2', file: 'credentials-v2.jsonld' },
  { url: 'https://www.w3.org/ns/credentials/examples/v2', file: 'credentials-examples-v2.jsonld' },
  { url: 'https://w3id.org/security/data-integrity/v1', file: 'data-integrity-v1.jsonld' },
  { url: 'https://w3id.org/security/multikey/v1', file: 'multikey-v1.jsonld' },
  { url: 'https://www.w3.org/ns/did/v1', file: 'did-v1.jsonld' },
  { url: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', file: 'ob-v3p0-3.0.3.json' },
  { url: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', file: 'ob-v3p0-extensions.json' },
  { url: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', file: 'clr-v2p0-2.0.1.json' },
  { url: 'https://w3id.org/citizenship/v4rc1', file: 'citizenship-v4rc1.jsonld' },
  { url: 'https://w3id.org/learning-passport/v1', file: 'lp-v1.jsonld' },
  // Contexts of credentials issued elsewhere (1EdTech examples, DCC and other OB 3.0 / CLR 2.0
  // issuers): VC 1.1, earlier OB 3.0 and CLR 2.0 releases, and the legacy proof suites.
  { url: 'https://www.w3.org/2018/credentials/v1', file: 'credentials-v1.jsonld' },
  { url: 'https://w3id.org/security/data-integrity/v2', file: 'data-integrity-v2.jsonld' },
  { url: 'https://w3id.org/security/suites/ed25519-2020/v1', file: 'ed25519-signature-2020-v1.jsonld' },
  { url: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json', file: 'ob-v3p0-context.json' },
  { url: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', file: 'ob-v3p0-3.0.1.json' },
  { url: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', file: 'ob-v3p0-3.0.2.json' },
  { url: 'https://purl.imsglobal.org/spec/clr/v2p0/context.json', file: 'clr-v2p0.json' },
  { url: 'https://www.w3.org/ns/credentials/status/v1', file: 'vc-bitstring-status-list-v1.jsonld' },
] as const;
