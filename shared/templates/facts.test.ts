// The README's templates table and the gallery cards show the same figures: facts.ts is the one source and
// this test fails when the README says something else (or leaves a template out).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEMPLATES } from '.';
import { CHAPTERS, TEMPLATE_FACTS, formatRunTime } from './facts';
import { inferGraph } from '../infer';
import { lessonOf } from '../graph/lesson';

interface ReadmeRow {
  id: string;
  params: string;
  result: string;
  time: string;
}

function readmeTemplateRows(): ReadmeRow[] {
  const lines = readFileSync(resolve(__dirname, '../../README.md'), 'utf8').split('\n');
  const header = lines.findIndex((l) => l.startsWith('| template (id) | parameters |'));
  expect(header, 'the README has the templates table').toBeGreaterThan(-1);
  const rows: ReadmeRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.slice(1, -1).split(' | ').map((c) => c.trim());
    expect(cells, line).toHaveLength(5);
    const id = /\(`([a-z0-9-]+)`\)$/.exec(cells[0])?.[1];
    expect(id, `a template id in backticks at the end of "${cells[0]}"`).toBeDefined();
    rows.push({ id: id!, params: cells[1], result: cells[3], time: cells[4] });
  }
  return rows;
}

describe('template facts', () => {
  it('every template has a chapter and a full-scale result, and every entry is a template', () => {
    const chapters = new Set<string>(CHAPTERS.map((c) => c.id));
    for (const t of TEMPLATES) {
      expect(chapters.has(t.chapter), t.id).toBe(true);
      expect(t.fullScale.result.length, t.id).toBeGreaterThan(10);
    }
    expect(Object.keys(TEMPLATE_FACTS).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
    // Every chapter of the course has at least one template.
    for (const c of CHAPTERS) expect(TEMPLATES.some((t) => t.chapter === c.id), c.id).toBe(true);
  });

  it('the README table lists every template once, with the same parameters, result and time', () => {
    const rows = readmeTemplateRows();
    expect(rows.map((r) => r.id).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
    for (const t of TEMPLATES) {
      const row = rows.find((r) => r.id === t.id)!;
      expect(row.result, t.id).toBe(t.fullScale.result);
      expect(row.time, t.id).toBe(formatRunTime(t.fullScale.seconds));
      const total = inferGraph(t.graph).totalParams.toLocaleString('en-US');
      expect(row.params.split(/[ ;]/), `${t.id}: the README states the count the canvas shows (${total})`).toContain(total);
    }
  });

  it('formats run times as the README does', () => {
    expect(formatRunTime(1149)).toBe('1,149 s');
    expect(formatRunTime(44)).toBe('44 s');
    expect(formatRunTime(null)).toBe('-');
  });

  it("every template's graph carries its lesson: the explanation and the steps to try, none ticked", () => {
    for (const t of TEMPLATES) {
      const lesson = lessonOf(t.graph);
      expect(lesson, t.id).not.toBeNull();
      expect(lesson!.templateId).toBe(t.id);
      expect(lesson!.explanation).toBe(t.explanation);
      expect(lesson!.steps).toEqual(t.tryNext.map((text) => ({ text, done: false })));
    }
  });
});
