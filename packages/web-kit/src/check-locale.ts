/** A message file as i18next reads it: nested objects of strings. */
export interface MessageTree { [key: string]: string | MessageTree }

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([^}\s,]+)[^}]*\}\}/g;

function flatten(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

interface Entry { forms: Map<string, string> }

/** Groups plural forms (`count_one`, `count_other`…) under their base key; other keys have one form ''. */
function group(tree: MessageTree): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [key, text] of flatten(tree)) {
    const m = PLURAL_SUFFIX.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const entry = out.get(base) ?? { forms: new Map<string, string>() };
    entry.forms.set(m ? m[1]! : '', text);
    out.set(base, entry);
  }
  return out;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (s: Set<string>) => `{${[...s].sort().join(', ')}}`;

/**
 * What is wrong with one language's message file measured against the reference (English):
 * keys missing or extra; plural forms not those CLDR gives the language (Intl.PluralRules, plus
 * `_zero` exactly when the reference has one); placeholders that differ (a plural form may drop
 * `{{count}}`, as Arabic "one record" does); and, unless listed in `allowSame`, messages left in
 * English. Returns one line per problem; an empty list means the file is complete.
 */
export function checkLocale(reference: MessageTree, other: MessageTree, lang: string, allowSame: readonly string[] = []): string[] {
  const problems: string[] = [];
  const ref = group(reference);
  const got = group(other);
  const categories = new Set<string>(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
  for (const [key, entry] of ref) {
    const mine = got.get(key);
    if (!mine) { problems.push(`${lang}: missing ${key}`); continue; }
    const plural = !entry.forms.has('');
    if (plural) {
      const want = new Set(categories);
      if (entry.forms.has('zero')) want.add('zero');
      const have = new Set(mine.forms.keys());
      if (!sameSet(want, have)) problems.push(`${lang}: ${key} has plural forms ${show(have)}, needs ${show(want)}`);
      const allowed = new Set([...entry.forms.values()].flatMap((v) => [...placeholders(v)]));
      for (const [form, text] of mine.forms) {
        const extra = [...placeholders(text)].filter((p) => !allowed.has(p));
        if (extra.length) problems.push(`${lang}: ${key}_${form} has unknown placeholders ${extra.join(', ')}`);
      }
      continue;
    }
    const text = mine.forms.get('');
    if (text === undefined) { problems.push(`${lang}: ${key} is plural here but not in the reference`); continue; }
    const refText = entry.forms.get('')!;
    if (!sameSet(placeholders(refText), placeholders(text))) {
      problems.push(`${lang}: ${key} has placeholders ${show(placeholders(text))}, reference has ${show(placeholders(refText))}`);
    }
    const hasWords = /\p{L}/u.test(refText.replace(PLACEHOLDER, ''));
    if (text === refText && hasWords && !allowSame.includes(key)) problems.push(`${lang}: ${key} is not translated`);
  }
  for (const key of got.keys()) if (!ref.has(key)) problems.push(`${lang}: extra ${key}`);
  return problems;
}
