import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createDocumentLoader } from '@lp/contexts';
import { compareCanonical } from './helpers/compare-canonical.ts';
import { isAbsoluteIri, jsonldIsAbsolute } from '../src/lib/jsonld-internals.ts';

// Generated OB 3.0 / CLR 2.0 / VC credentials with hostile shapes, canonicalized by canonizeRdfc
// and by jsonld.js: the canonical N-Quads (or the refusal) must be identical. Besides the bundled
// contexts, two pinned test contexts define what credentials may meet elsewhere: type-scoped
// and property-scoped contexts, language maps, @json, @id/@vocab-typed terms, lists, graphs,
// index maps, reverse properties, @nest, a default language and direction. Documents the compiled
// expansion declines are not run through jsonld.js again (canonizeRdfc *is* jsonld.js for them);
// the share it handles is asserted so that the comparison is never vacuous.
// LP_FUZZ_RUNS sets the count (default 10,000), LP_FUZZ_SEED replays a run.
const RUNS = Number(process.env.LP_FUZZ_RUNS ?? 10_000);
const SEED = process.env.LP_FUZZ_SEED === undefined ? undefined : Number(process.env.LP_FUZZ_SEED);

const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';
const OB303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OB301 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json';
const OBEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const CLR201 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
const LP = 'https://w3id.org/learning-passport/v1';
const STATUS = 'https://www.w3.org/ns/credentials/status/v1';
const HOSTILE = 'https://lp.test/contexts/hostile/v1';
const LANG = 'https://lp.test/contexts/default-language/v1';

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

const TEST_CONTEXTS: Record<string, object> = {
  [HOSTILE]: deepFreeze({
    '@context': {
      '@version': 1.1,
      '@vocab': 'https://example.org/hostile-vocab#',
      ex: 'https://example.org/vocab#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      HostileScoped: { '@id': 'ex:HostileScoped', '@context': { inner: 'ex:inner', label: { '@id': 'ex:scopedLabel', '@language': 'fr' }, relRef: { '@id': 'ex:relRef2', '@type': '@vocab' } } },
      Propagating: { '@id': 'ex:Propagating', '@context': { '@propagate': true, deep: { '@id': 'ex:deep', '@type': '@id' } } },
      Redefining: { '@id': 'ex:Redefining', '@context': { name: 'ex:notTheName' } },
      langMap: { '@id': 'ex:langMap', '@container': '@language' },
      jsonProp: { '@id': 'ex:jsonProp', '@type': '@json' },
      relRef: { '@id': 'ex:relRef', '@type': '@id' },
      vocabRef: { '@id': 'ex:vocabRef', '@type': '@vocab' },
      listProp: { '@id': 'ex:listProp', '@container': '@list' },
      graphProp: { '@id': 'ex:graphProp', '@container': '@graph' },
      setProp: { '@id': 'ex:setProp', '@container': '@set' },
      indexProp: { '@id': 'ex:indexProp', '@container': '@index' },
      scopedProp: { '@id': 'ex:scopedProp', '@context': { pinner: 'ex:pinner', '@vocab': 'https://example.org/scoped#' } },
      dateProp: { '@id': 'ex:dateProp', '@type': 'xsd:dateTime' },
      doubleProp: { '@id': 'ex:doubleProp', '@type': 'xsd:double' },
      langProp: { '@id': 'ex:langProp', '@language': 'ar', '@direction': 'rtl' },
      noLang: { '@id': 'ex:noLang', '@language': null },
      revProp: { '@reverse': 'ex:rev' },
      nestProp: '@nest',
      aliasType: '@type',
      aliasId: '@id',
      nullTerm: null,
      'ex:compactTerm': { '@id': 'ex:compactTerm', '@type': '@id' },
    },
  }),
  [LANG]: deepFreeze({ '@context': { '@language': 'en', '@direction': 'ltr', '@vocab': 'https://example.org/other#', plain: { '@id': 'https://example.org/other#plain', '@language': null } } }),
};

const base = createDocumentLoader();
const documentLoader = async (url: string) => (Object.hasOwn(TEST_CONTEXTS, url) ? { contextUrl: null, documentUrl: url, document: TEST_CONTEXTS[url]! } : base(url));

// The bundled contexts define no @vocab (VC 2.0 dropped it), so there a term nobody defines is a
// safe-mode error; the test contexts have one, so that generated terms mostly expand.
const CONTEXT_SETS: unknown[] = [
  [V2], [V2, OB303], [V2, OB303, OBEXT, LP], [V2, CLR201, OB303], [V2, CLR201, OB303, OBEXT, LP], [V2, OB303, STATUS],
  [V2, EXAMPLES], [V1, OB301], [V1], V2, [V2, { ex: 'https://example.org/inline#' }], [V2, 'https://unknown.example/ctx'], [],
  ...[[V2, HOSTILE], [V2, OB303, HOSTILE], [V2, OB303, OBEXT, LP, HOSTILE], [V2, CLR201, OB303, HOSTILE], [HOSTILE], [V2, LANG], [V2, OB303, LANG], [V1, OB301, LANG]].flatMap((set) => [set, set, set]),
];

const KNOWN_KEYS = [
  'id', 'type', 'name', 'description', 'issuer', 'validFrom', 'validUntil', 'credentialSubject', 'achievement', 'result',
  'resultDescription', 'alignment', 'identifier', 'image', 'url', 'criteria', 'narrative', 'value', 'achievementType', 'inLanguage',
  'identityHash', 'hashed', 'salt', 'identityType', 'targetName', 'targetUrl', 'targetCode', 'creditsEarned', 'awardedDate',
  'nationalGradeLevel', 'notionalLearningHours', 'gradeDistribution', 'displayName', 'email', 'address', 'evidence', 'endorsement',
  'allowedValue', 'requiredValue', 'source', 'status', 'verifiableCredential', 'credentialStatus', 'proof', 'statusPurpose',
  'statusListIndex', 'tag', 'humanCode', 'version', 'otherIdentifier', 'addressCountry', 'achievementType', 'rubricCriterionLevel',
];
const TEST_KEYS = [
  'jsonProp', 'vocabRef', 'listProp', 'graphProp', 'setProp', 'scopedProp', 'dateProp', 'doubleProp',
  'langProp', 'noLang', 'aliasType', 'inner', 'label', 'deep', 'pinner', 'plain', 'ex:compactTerm',
];
const HOSTILE_KEYS = [
  'langMap', 'indexProp', 'revProp', 'nestProp', 'nullTerm', 'aliasId', 'relRef',
  'unknownTerm', 'fooBar', 'ex:foo', 'schema:name', 'https://example.org/abs', 'http://', '', '@foo', '_:bnode', 'x:y',
  '@type', '@id', '@value', '@language', '@direction', '@json', '@list', '@set', '@index', '@reverse', '@nest', '@graph', '@included', '@context',
];
const TYPES = [
  'VerifiableCredential', 'AchievementCredential', 'OpenBadgeCredential', 'ClrCredential', 'Achievement', 'AchievementSubject', 'Profile',
  'Result', 'ResultDescription', 'Alignment', 'IdentityObject', 'EndorsementCredential', 'Evidence', 'Criteria', 'Image', 'Address',
  'RubricCriterionLevel', 'BitstringStatusListEntry', 'DataIntegrityProof', 'HostileScoped', 'Propagating', 'Redefining', 'MyUnknownType',
  'https://example.org/T', 'ex:T',
];
const BAD_TYPES = ['relative/T', '_:b0', '@json', 'xsd:string', 42, null, { '@id': 'x' }];
const IRIS = ['https://example.org/x', 'urn:uuid:6f1d2a44-9b1e-4c3a-8f51-2a7d9e0c1b01', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:web:exams.moe.example', 'ex:foo', 'mailto:a@b.example', 'http://data.europa.eu/snb/isced-f/0541'];
const RELATIVE = ['./rel', '../x', '#frag', '', 'just-a-word', '_:b1', '@reserved', 'VerifiableCredential', 'Achievement', 'http://example.com/a b', 'ex:with space', '_:b 2', ':x'];
const LANGS = ['ar', 'en', 'fr', 'EN-gb', 'ps-AF', 'fa-Arab-IR', 'uk'];
const BAD_LANGS = ['en_US', 'x-1234567890', '', 'ar-'];

/** Each choice is hostile once in HOSTILITY (so that a whole document is often clean). */
const HOSTILITY = 60;
const weighted = <T>(...arbs: [number, fc.Arbitrary<T>][]) => fc.oneof(...arbs.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => weighted<T>([HOSTILITY, good], [1, bad]);

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Mathematics', 'امتحان – الرياضيات', 'Ліля', 'line\nbreak "quoted" \\ tab\t', '2024-07-15T00:00:00Z', '2024-07-15'));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e21, 1.5, 6.1, -3, 2 ** 53, 1e-7));
const scalar = weighted<unknown>(
  [12, text],
  [6, mostly(fc.constantFrom(...IRIS), fc.constantFrom(...RELATIVE))],
  [2, number],
  [2, fc.boolean()],
  [1, fc.constant(null)],
);
const valueObject = mostly<unknown>(
  weighted<unknown>(
    [8, fc.record({ '@value': text, '@language': fc.constantFrom(...LANGS) })],
    [4, fc.record({ '@value': text, '@language': fc.constantFrom('ar', 'en'), '@direction': fc.constantFrom('rtl', 'ltr') })],
    [4, fc.record({ '@value': fc.oneof(text, number, fc.boolean()), '@type': fc.constantFrom('http://www.w3.org/2001/XMLSchema#dateTime', 'xsd:integer', 'https://example.org/dt') })],
    [2, fc.record({ '@value': text, '@language': fc.constant(null) })],
  ),
  fc.oneof(
    fc.record({ '@value': text, '@language': fc.constantFrom(...BAD_LANGS) }),
    fc.record({ '@value': text, '@direction': fc.constantFrom('up', 'RTL') }),
    fc.record({ '@value': fc.oneof(text, number), '@type': fc.constantFrom('relative-dt', '@json', '_:dt', '@id') }),
    fc.record({ '@value': fc.constantFrom<unknown>(null, [1], { a: 1 }) }),
    fc.record({ '@value': text, extra: text }),
    fc.record({ '@value': number, '@language': fc.constant('en') }),
  ),
);
const typeValue = mostly<unknown>(
  fc.oneof(fc.constantFrom(...TYPES), fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 3 })),
  fc.oneof(fc.constantFrom(...BAD_TYPES), fc.tuple(fc.constantFrom(...TYPES), fc.constantFrom(...BAD_TYPES))),
);
const key = weighted<string>([HOSTILITY * 4, fc.constantFrom(...KNOWN_KEYS)], [HOSTILITY, fc.constantFrom(...TEST_KEYS)], [3, fc.constantFrom(...HOSTILE_KEYS)]);
/** Present with probability `p` (in twentieths), else absent. */
const sometimes = <T>(twentieths: number, arb: fc.Arbitrary<T>) => weighted<T | undefined>([twentieths, arb], [20 - twentieths, fc.constant(undefined)]);

const { node } = fc.letrec<{ node: Record<string, unknown>; value: unknown }>((tie) => ({
  node: fc
    .tuple(
      sometimes(10, mostly(fc.constantFrom(...IRIS), fc.constantFrom(...RELATIVE))),
      sometimes(12, typeValue),
      fc.dictionary(key, tie('value'), { maxKeys: 5, depthIdentifier: 'node', noNullPrototype: true }),
      sometimes(1, fc.constantFrom<unknown>([V2, OB303], [V2, OB303, OBEXT, LP], V2, [V2, HOSTILE], { nested: 'https://example.org/n#' })),
    )
    .map(([id, type, rest, context]) => ({
      ...rest,
      ...(context !== undefined ? { '@context': context } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(type !== undefined ? { type } : {}),
    })),
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4, depthIdentifier: 'node' },
    { weight: 8, arbitrary: scalar },
    { weight: 3, arbitrary: tie('node') },
    { weight: 2, arbitrary: fc.array(weighted<unknown>([3, scalar], [2, tie('node')], [1, valueObject], [1, fc.array(scalar, { maxLength: 2 })]), { maxLength: 4 }) },
    { weight: 2, arbitrary: valueObject },
    { weight: 1, arbitrary: fc.record({ '@id': mostly(fc.constantFrom(...IRIS), fc.constantFrom(...RELATIVE)) }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...LANGS, ...BAD_LANGS, '@none'), text, { maxKeys: 3, noNullPrototype: true }) },
  ),
}));

const credential = fc
  .tuple(fc.constantFrom(...CONTEXT_SETS), fc.constantFrom('AchievementCredential', 'OpenBadgeCredential', 'ClrCredential', 'EndorsementCredential', 'MyUnknownType'), node, node, node, fc.constantFrom('2024-07-20T00:00:00Z', '2024-07-20', 'not a date', 20240720))
  .map(([context, kind, issuer, subject, extra, validFrom]) => ({
    ...extra,
    '@context': context,
    id: 'urn:uuid:6f1d2a44-9b1e-4c3a-8f51-2a7d9e0c1b01',
    type: ['VerifiableCredential', kind],
    issuer: { id: 'did:web:exams.moe.example', type: ['Profile'], ...issuer },
    validFrom,
    credentialSubject: subject,
  }));

describe('canonizeRdfc equals jsonld.js on generated credentials', () => {
  it(`${RUNS} hostile OB 3.0 / CLR / VC credentials: identical canonical N-Quads or both refuse`, async () => {
    let compiled = 0;
    let refusedByBoth = 0;
    await fc.assert(
      fc.asyncProperty(credential, async (doc) => {
        const r = await compareCanonical(doc, documentLoader, { skipReferenceWhenNotCompiled: true });
        if (!r.compiled) return;
        compiled++;
        if (r.reference === 'ERROR') refusedByBoth++;
        expect(r.ours).toBe(r.reference);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    // The comparison must mostly run the compiled path (else it proves little), and what jsonld.js
    // refuses at its RDF step must be refused by canonizeRdfc too (counted, and equal above).
    expect(compiled / RUNS).toBeGreaterThan(0.25);
    expect(refusedByBoth).toBeLessThan(compiled);
  }, 600_000);

  it('our absolute-IRI test is jsonld.js\'s', () => {
    const iriLike = fc.oneof(fc.string(), fc.constantFrom(...IRIS, ...RELATIVE), fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}:${b}`));
    fc.assert(fc.property(iriLike, (v) => isAbsoluteIri(v) === jsonldIsAbsolute(v)), { numRuns: 5000 });
  });
});
