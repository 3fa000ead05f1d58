// The catalogue check (pure functions; catalogues.test.ts feeds them the real catalogues and the source tree):
// keys in one language but not the other, catalogue keys no code uses, literal keys in code missing from the
// catalogue, and glossary terms translated inconsistently. Each function returns the exact failures, sorted.

export type Catalogue = { readonly [key: string]: string | Catalogue };
/** Per language, per namespace. */
export type Catalogues = Record<string, Record<string, Catalogue>>;
export interface GlossaryEntry {
  en: string;
  ko: string;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** {a: {b: 'x'}} -> Map { 'a.b' => 'x' }. */
export function flatten(cat: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cat)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** 'header.problems_one' -> 'header.problems' (the key code asks for). */
export function baseKey(key: string): string {
  return key.replace(PLURAL, '');
}

/**
 * The key a language must have for a key of another: plurals are compared by their `_other` form, because
 * English has _one/_other and Korean only _other.
 */
function counterpart(key: string): string {
  return PLURAL.test(key) ? `${baseKey(key)}_other` : key;
}

/** "ko is missing common:header.save" for every key one language has and the other lacks. */
export function missingBetweenLanguages(cats: Catalogues, langs: readonly string[]): string[] {
  const problems: string[] = [];
  const namespaces = new Set(langs.flatMap((l) => Object.keys(cats[l] ?? {})));
  for (const ns of namespaces) {
    const flat = Object.fromEntries(langs.map((l) => [l, flatten(cats[l]?.[ns] ?? {})]));
    for (const from of langs) {
      for (const to of langs) {
        if (from === to) continue;
        for (const key of flat[from].keys()) {
          if (!flat[to].has(counterpart(key))) problems.push(`${to} is missing ${ns}:${counterpart(key)} (${from} has ${ns}:${key})`);
        }
      }
    }
  }
  return [...new Set(problems)].sort();
}

/** Every full literal key 'ns:path.to.key' in a source text, for the given namespaces. */
export function keysInSource(text: string, namespaces: readonly string[]): Set<string> {
  const found = new Set<string>();
  if (namespaces.length === 0) return found;
  const re = new RegExp(`['"\`]((?:${namespaces.join('|')}):[A-Za-z0-9_.-]+)['"\`]`, 'g');
  for (const m of text.matchAll(re)) found.add(m[1]);
  return found;
}

/** Catalogue keys (English, the source language) that no code asks for. Plural forms count as their base key. */
export function unusedKeys(english: Record<string, Catalogue>, used: ReadonlySet<string>, registryNamespaces: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const [ns, cat] of Object.entries(english)) {
    if (registryNamespaces.has(ns)) continue; // built from a registry: every entry is shown through it
    for (const key of flatten(cat).keys()) {
      if (!used.has(`${ns}:${baseKey(key)}`) && !used.has(`${ns}:${key}`)) problems.push(`${ns}:${key} is not used in the code`);
    }
  }
  return [...new Set(problems)].sort();
}

/** Literal keys in code that the English catalogue lacks (the types catch most; string-built ones only this). */
export function keysMissingFromCatalogue(english: Record<string, Catalogue>, used: ReadonlySet<string>): string[] {
  const have = new Set<string>();
  for (const [ns, cat] of Object.entries(english)) for (const key of flatten(cat).keys()) have.add(`${ns}:${baseKey(key)}`).add(`${ns}:${key}`);
  return [...used].filter((k) => !have.has(k)).map((k) => `${k} is used in the code but missing from the catalogue`).sort();
}

function containsTerm(text: string, term: string): boolean {
  text = text.replace(/\{\{[^}]*\}\}/g, ' '); // {{layer}} is a placeholder, not the word "layer"
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z])${escaped}s?($|[^A-Za-z])`, 'i').test(text);
}

/** Where an English string contains a glossary term, the Korean string at the same key must contain its Korean term. */
export function glossaryProblems(cats: Catalogues, glossary: readonly GlossaryEntry[]): string[] {
  const problems: string[] = [];
  for (const [ns, cat] of Object.entries(cats.en ?? {})) {
    const ko = flatten(cats.ko?.[ns] ?? {});
    for (const [key, en] of flatten(cat)) {
      const koText = ko.get(counterpart(key));
      if (koText === undefined) continue; // reported as a missing key
      for (const term of glossary) {
        if (containsTerm(en, term.en) && !koText.includes(term.ko)) {
          problems.push(`${ns}:${key}: English says "${term.en}", Korean lacks "${term.ko}" (${JSON.stringify(koText)})`);
        }
      }
    }
  }
  return [...new Set(problems)].sort();
}
