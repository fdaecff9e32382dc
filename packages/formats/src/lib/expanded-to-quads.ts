import canonicalizeModule from 'canonicalize';
import typesApi from 'jsonld/lib/types.js';

/**
 * The RDF dataset of an expanded JSON-LD document produced by expand-compiled.ts: JSON-LD 1.1
 * API §8.1 (Node Map Generation) and §8.2 (Deserialize JSON-LD to RDF) as jsonld.js 9 runs them
 * (lib/nodeMap.js createNodeMap, lib/toRdf.js), in one pass without building the node map.
 *
 * What the node map decides is kept exactly, because rdf-canonize keeps duplicate quads: a
 * subject's values for a property are de-duplicated the way jsonld.js's `compareValues` does
 * (node references by @id; value objects by @value, @type and @language, not @direction; JSON
 * literals by identity; lists never), the first one kept, in the order jsonld.js visits them
 * (properties sorted, values in order, depth first). Literals are written as jsonld.js writes
 * them (`rdfDirection: 'i18n-datatype'`). The compiled expansion never lets through what jsonld.js
 * would drop or warn about here (relative IRIs, blank node predicates), so nothing is checked
 * twice; blank node labels are arbitrary (RDFC-1.0 relabels them).
 */
export function expandedToQuads(expanded: readonly unknown[]): Quad[] {
  const state: State = { quads: [], seen: new Map(), labels: new Map(), next: 0 };
  for (const node of expanded) visitNode(state, node as Json, DEFAULT_GRAPH);
  return state.quads;
}

export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

type Json = Record<string, unknown>;
/** A value already written: a node reference (by name) or a value object. */
type Seen = { ref: string } | { value: Json };
interface State {
  quads: Quad[];
  /** (graph, subject) → property → the values already written, for the node map's de-duplication. */
  seen: Map<string, Map<string, Seen[]>>;
  labels: Map<string, string>;
  next: number;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = { termType: 'NamedNode', value: `${RDF}type` } as const;
const RDF_FIRST = { termType: 'NamedNode', value: `${RDF}first` } as const;
const RDF_REST = { termType: 'NamedNode', value: `${RDF}rest` } as const;
const RDF_NIL = { termType: 'NamedNode', value: `${RDF}nil` } as const;
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
// CommonJS `module.exports = serialize`: the default import is the function itself at run time.
const canonicalizeJson = canonicalizeModule as unknown as (value: unknown) => string | undefined;
const { isDouble, isNumber, isBoolean } = typesApi as { isDouble(v: unknown): boolean; isNumber(v: unknown): boolean; isBoolean(v: unknown): boolean };


function freshBlank(state: State): string {
  return `b${state.next++}`;
}

/** A node's name as the node map gives it: its @id, an input blank node relabelled, or a new blank node. */
function nameOf(state: State, node: Json): Term {
  const id = node['@id'];
  if (typeof id !== 'string') return { termType: 'BlankNode', value: freshBlank(state) };
  if (id.startsWith('_:')) {
    let label = state.labels.get(id);
    if (label === undefined) {
      label = freshBlank(state);
      state.labels.set(id, label);
    }
    return { termType: 'BlankNode', value: label };
  }
  return { termType: 'NamedNode', value: id };
}

const termKey = (t: Term): string => `${t.termType === 'BlankNode' ? '_:' : ''}${t.value}`;

/** createNodeMap for one node object, in graph `graph`; returns its name. */
function visitNode(state: State, node: Json, graph: Term, name?: Term): Term {
  const subject = name ?? nameOf(state, node);
  const nodeKey = `${termKey(graph)} ${termKey(subject)}`;
  let written = state.seen.get(nodeKey);
  if (!written) state.seen.set(nodeKey, (written = new Map()));
  for (const property of Object.keys(node).sort()) {
    if (property === '@id') continue;
    const values = node[property] as unknown[];
    if (property === '@graph') {
      for (const inner of values) visitNode(state, inner as Json, subject);
      continue;
    }
    if (property === '@type') {
      const seen = seenFor(written, property);
      for (const t of values as string[]) {
        const object = nameOf(state, { '@id': t });
        if (firstRef(seen, termKey(object))) state.quads.push({ subject, predicate: RDF_TYPE, object, graph });
      }
      continue;
    }
    const predicate: Term = { termType: 'NamedNode', value: property };
    const seen = seenFor(written, property);
    for (const o of values) {
      const v = o as Json;
      if (Object.hasOwn(v, '@value')) {
        if (firstValue(seen, v)) state.quads.push({ subject, predicate, object: literalOf(v), graph });
      } else if (Object.hasOwn(v, '@list')) {
        // Lists are never equal to one another in the node map.
        state.quads.push({ subject, predicate, object: listOf(state, v['@list'] as unknown[], graph), graph });
      } else {
        const object = nameOf(state, v);
        if (firstRef(seen, termKey(object))) state.quads.push({ subject, predicate, object, graph });
        visitNode(state, v, graph, object);
      }
    }
  }
  return subject;
}

function seenFor(written: Map<string, Seen[]>, property: string): Seen[] {
  let seen = written.get(property);
  if (!seen) written.set(property, (seen = []));
  return seen;
}

/** Whether a reference to `ref` is new for this subject and property (and remembers it). */
function firstRef(seen: Seen[], ref: string): boolean {
  for (const s of seen) if ('ref' in s && s.ref === ref) return false;
  seen.push({ ref });
  return true;
}

/** compareValues (lib/util.js): @value (===), @type, @language equal; @direction not compared. */
function firstValue(seen: Seen[], v: Json): boolean {
  for (const s of seen) {
    if (!('value' in s)) continue;
    const w = s.value;
    if (w['@value'] === v['@value'] && w['@type'] === v['@type'] && w['@language'] === v['@language'] && w['@index'] === v['@index']) return false;
  }
  seen.push({ value: v });
  return true;
}

function literal(value: string, datatype: string): Term {
  return { termType: 'Literal', value, datatype: { termType: 'NamedNode', value: datatype } };
}

/** _objectToRDF (lib/toRdf.js) for a value object. */
function literalOf(item: Json): Term {
  let value = item['@value'];
  const datatype = (item['@type'] as string | undefined) ?? null;
  if (datatype === '@json') return literal(canonicalizeJson(value) as string, `${RDF}JSON`);
  if (isBoolean(value)) return literal(String(value), datatype ?? `${XSD}boolean`);
  if (isDouble(value) || datatype === `${XSD}double`) {
    if (!isDouble(value)) value = parseFloat(value as string);
    return literal((value as number).toExponential(15).replace(/(\d)0*e\+?/, '$1E'), datatype ?? `${XSD}double`);
  }
  if (isNumber(value)) return literal((value as number).toFixed(0), datatype ?? `${XSD}integer`);
  if (Object.hasOwn(item, '@direction')) {
    const language = String(item['@language'] ?? '').toLowerCase();
    return literal(value as string, `https://www.w3.org/ns/i18n#${language}_${String(item['@direction'])}`);
  }
  if (Object.hasOwn(item, '@language')) {
    const term = literal(value as string, datatype ?? `${RDF}langString`);
    term.language = item['@language'] as string;
    return term;
  }
  return literal(value as string, datatype ?? `${XSD}string`);
}

/** _listToRDF with the node map's list handling: items in order, nested lists and nodes visited. */
function listOf(state: State, items: unknown[], graph: Term): Term {
  if (items.length === 0) return RDF_NIL;
  const head: Term = { termType: 'BlankNode', value: freshBlank(state) };
  let subject = head;
  for (let i = 0; i < items.length; i++) {
    const v = items[i] as Json;
    let object: Term;
    if (Object.hasOwn(v, '@value')) object = literalOf(v);
    else if (Object.hasOwn(v, '@list')) object = listOf(state, v['@list'] as unknown[], graph);
    else {
      object = nameOf(state, v);
      visitNode(state, v, graph, object);
    }
    state.quads.push({ subject, predicate: RDF_FIRST, object, graph });
    const next: Term = i === items.length - 1 ? RDF_NIL : { termType: 'BlankNode', value: freshBlank(state) };
    state.quads.push({ subject, predicate: RDF_REST, object: next, graph });
    subject = next;
  }
  return head;
}
