// The catalogue check on the real catalogues and source tree, and on a broken fixture to prove it fails.
import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from './resources';
import { LANGS } from './i18n';
import { glossaryProblems, keysInSource, keysMissingFromCatalogue, missingBetweenLanguages, unusedKeys, type Catalogues, type GlossaryEntry } from './catalogue-check';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['src-renderer', 'src-main', 'shared'];
const GLOSSARY = path.join(ROOT, 'shared/i18n/glossary.json');

/** The code that can show a key: .ts/.tsx outside tests (a key only a test asks for is unused). */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (/\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const cats = resources as unknown as Catalogues;
const namespaces = Object.keys(cats.en);
// A namespace without locales/en/<ns>.json has its English built from a registry (layers, templates, ...):
// every entry of the registry is displayed through it, so its keys count as used.
const registryNamespaces = new Set(namespaces.filter((ns) => !fs.existsSync(path.join(ROOT, `shared/i18n/locales/en/${ns}.json`))));

function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const dir of SOURCE_DIRS) for (const f of sourceFiles(path.join(ROOT, dir))) for (const k of keysInSource(fs.readFileSync(f, 'utf8'), namespaces)) used.add(k);
  return used;
}

describe('message catalogues', () => {
  const used = usedKeys();

  it('have the same keys in English and Korean (plurals: en _one/_other, ko _other)', () => {
    expect(missingBetweenLanguages(cats, LANGS)).toEqual([]);
  });

  it('have no key the code does not use', () => {
    expect(unusedKeys(cats.en, used, registryNamespaces)).toEqual([]);
  });

  it('have every literal key the code uses', () => {
    expect(keysMissingFromCatalogue(cats.en, used)).toEqual([]);
  });

  it.skipIf(!fs.existsSync(GLOSSARY))('use the glossary terms consistently (skipped only while shared/i18n/glossary.json does not exist)', () => {
    const glossary = JSON.parse(fs.readFileSync(GLOSSARY, 'utf8')) as GlossaryEntry[];
    expect(glossary.length).toBeGreaterThan(0);
    expect(glossaryProblems(cats, glossary)).toEqual([]);
  });
});

describe('the catalogue check on a broken fixture', () => {
  const broken: Catalogues = {
    en: {
      demo: {
        save: 'Save',
        gate: { title: 'The forget gate', note: 'Every hidden state', of: '{{hidden state}} of {{layer}}' },
        items_one: '{{count}} item',
        items_other: '{{count}} items',
        onlyEnglish: 'Only here',
        orphan: 'Nobody asks for me',
      },
    },
    ko: {
      demo: {
        save: '저장',
        gate: { title: '게이트', note: '모든 은닉 상태', of: '{{layer}}의 {{hidden state}}' },
        items_other: '{{count}}개',
        onlyKorean: '여기만',
      },
    },
  };
  const code = `t('demo:save'); t('demo:gate.title'); t('demo:gate.of'); i18n.t("demo:gate.note"); t(\`demo:items\`, { count }); t('demo:onlyEnglish');
    t('demo:onlyKorean'); t('demo:typo.key'); t('demo:' + dynamic); t('other:not.a.namespace');`;
  const used = keysInSource(code, ['demo']);

  it('finds only full literal keys of known namespaces', () => {
    expect([...used].sort()).toEqual(['demo:gate.note', 'demo:gate.of', 'demo:gate.title', 'demo:items', 'demo:onlyEnglish', 'demo:onlyKorean', 'demo:save', 'demo:typo.key']);
  });

  it('names every key missing from one language, comparing plurals by _other', () => {
    expect(missingBetweenLanguages(broken, ['en', 'ko'])).toEqual([
      'en is missing demo:onlyKorean (ko has demo:onlyKorean)',
      'ko is missing demo:onlyEnglish (en has demo:onlyEnglish)',
      'ko is missing demo:orphan (en has demo:orphan)',
    ]);
  });

  it('names unused keys (plural forms count as their base key) unless the namespace is built from a registry', () => {
    expect(unusedKeys(broken.en, used, new Set())).toEqual(['demo:orphan is not used in the code']);
    expect(unusedKeys(broken.en, used, new Set(['demo']))).toEqual([]);
  });

  it('names literal keys used in code but missing from the catalogue', () => {
    expect(keysMissingFromCatalogue(broken.en, used)).toEqual([
      'demo:onlyKorean is used in the code but missing from the catalogue',
      'demo:typo.key is used in the code but missing from the catalogue',
    ]);
  });

  it('names glossary terms translated inconsistently', () => {
    const glossary = [
      { en: 'forget gate', ko: '망각 게이트' },
      { en: 'hidden state', ko: '은닉 상태' },
      { en: 'layer', ko: '층' },
    ];
    expect(glossaryProblems(broken, glossary)).toEqual(['demo:gate.title: English says "forget gate", Korean lacks "망각 게이트" ("게이트")']);
  });
});
