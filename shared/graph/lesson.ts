// The lesson a template carries, kept in graph.extras.lesson so it travels with the file: the explanation
// and "what to try next" as steps the learner ticks off. A saved and reopened file keeps the text and the
// ticks even if a later LayerLab words the template differently. Pure.
import type { GraphFile } from './types';

export const LESSON_KEY = 'lesson';

export interface LessonStep {
  text: string;
  done: boolean;
}

export interface Lesson {
  /** The template the lesson came from (for the gallery and links); the text below is the file's own copy. */
  templateId: string;
  title: string;
  explanation: string;
  steps: LessonStep[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The graph's lesson, or null when it has none or the entry is malformed (a hand-edited file must not break the panel). */
export function lessonOf(graph: Pick<GraphFile, 'extras'>): Lesson | null {
  const raw = graph.extras?.[LESSON_KEY];
  if (!isRecord(raw) || typeof raw.explanation !== 'string' || !Array.isArray(raw.steps)) return null;
  const steps: LessonStep[] = [];
  for (const s of raw.steps) {
    if (isRecord(s) && typeof s.text === 'string') steps.push({ text: s.text, done: s.done === true });
  }
  return {
    templateId: typeof raw.templateId === 'string' ? raw.templateId : '',
    title: typeof raw.title === 'string' ? raw.title : '',
    explanation: raw.explanation,
    steps,
  };
}

export function newLesson(t: { id: string; name: string; explanation: string; tryNext: string[] }): Lesson {
  return { templateId: t.id, title: t.name, explanation: t.explanation, steps: t.tryNext.map((text) => ({ text, done: false })) };
}

export function withLesson<G extends Pick<GraphFile, 'extras'>>(graph: G, lesson: Lesson): G {
  return { ...graph, extras: { ...graph.extras, [LESSON_KEY]: lesson } };
}

/** Ticks or unticks one "try next" step; the same graph object when nothing changes. */
export function setLessonStepDone(graph: GraphFile, index: number, done: boolean): GraphFile {
  const lesson = lessonOf(graph);
  if (!lesson || index < 0 || index >= lesson.steps.length || lesson.steps[index].done === done) return graph;
  const steps = lesson.steps.map((s, i) => (i === index ? { ...s, done } : s));
  return withLesson(graph, { ...lesson, steps });
}
