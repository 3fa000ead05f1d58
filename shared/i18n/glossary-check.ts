// Glossary consistency: where an English text uses a glossary term, its Korean text must use the
// glossary's Korean term. Terms match as whole words, case-insensitively, with a plural -s/-es, so
// "BatchNormalization" (a code name) is not "batch normalization" and "layers" is "layer".
export interface GlossaryEntry {
  en: string;
  ko: string;
}

function termPattern(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z])${escaped}(?:s|es)?(?![A-Za-z])`, 'i');
}

/** The glossary entries whose English term occurs in `text` ({{placeholders}} are names, not words). */
export function termsIn(text: string, glossary: readonly GlossaryEntry[]): GlossaryEntry[] {
  const words = text.replace(/\{\{\w+\}\}/g, ' ');
  return glossary.filter((g) => termPattern(g.en).test(words));
}

export interface GlossaryMiss {
  key: string;
  term: GlossaryEntry;
}

/** Keys whose English text uses a term that the Korean text at the same key does not. */
export function glossaryMisses(
  english: Record<string, string>,
  korean: Record<string, string>,
  glossary: readonly GlossaryEntry[],
): GlossaryMiss[] {
  const misses: GlossaryMiss[] = [];
  for (const [key, text] of Object.entries(english)) {
    const ko = korean[key];
    if (ko === undefined) continue;
    for (const term of termsIn(text, glossary)) if (!ko.includes(term.ko)) misses.push({ key, term });
  }
  return misses;
}
