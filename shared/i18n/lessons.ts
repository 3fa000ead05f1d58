// The `lessons` texts in the current language: template names, explanations and steps, chapter titles, result
// lines, dataset names and help, training help topics. Keys are built from registry ids here (the catalogue is
// built from the same registries, lessons-catalog.ts); a key the Korean catalogue lacks falls back to English.
import { i18n } from './i18n';
import { HELP_FAMILIES, type HelpFamily } from './lessons-catalog';
import { getTemplate, type CourseTemplate } from '../templates';
import { DESCRIBE_KEY, liveDescriptionIn } from '../templates/describe';
import type { GptTranslate } from '../templates/gpt-description';
import type { GraphFile } from '../graph/types';
import type { Lesson } from '../graph/lesson';
import type { TopicHelp } from '../training-help';
import type { FieldNote } from '../training-help/settings';
import type { ChapterId } from '../templates/facts';
import { DATASETS } from '../data/catalog';
import type { DatasetDescriptor, DatasetOptionSpec } from '../data/types';
import { FIELD_NOTES } from '../training-help';

type Params = Record<string, string | number>;
const translate = i18n.t.bind(i18n) as unknown as (key: string, options?: Params & { lng?: string }) => string;

/** One `lessons` entry in the current language (or `lng`). */
export function lessonsText(key: string, params: Params = {}, lng?: string): string {
  return translate(`lessons:${key}`, { ...params, ...(lng ? { lng } : {}) });
}

export type TemplateField = 'name' | 'description' | 'explanation';

/** A template's name, description or explanation, its figures filled from its own constants. */
export function templateText(t: CourseTemplate, field: TemplateField, lng?: string): string {
  if (field === 'description' && typeof t.graph.extras?.[DESCRIBE_KEY] === 'string') {
    return graphDescriptionText(t.graph, lng) ?? t.description;
  }
  return lessonsText(`templates.${t.source.textId}.${field}`, t.source.params, lng);
}

/** A template's "try next" steps in the current language. */
export function templateTryNext(t: CourseTemplate, lng?: string): string[] {
  return t.tryNext.map((_, i) => lessonsText(`templates.${t.source.textId}.tryNext.${i}`, t.source.params, lng));
}

/** The full-scale result line of the gallery card. */
export function templateResult(t: CourseTemplate, lng?: string): string {
  return lessonsText(`results.${t.id}`, {}, lng);
}

export function chapterTitle(id: ChapterId, lng?: string): string {
  return lessonsText(`chapters.${id}`, {}, lng);
}

/** The live description (GPT graphs) in the current language; null when the graph has no describer. */
export function graphDescriptionText(graph: GraphFile, lng?: string): string | null {
  const tr: GptTranslate = (key, params) => lessonsText(`gpt.${key}`, params, lng);
  return liveDescriptionIn(graph, tr);
}

/**
 * The lesson a graph carries, shown in the current language: the file keeps its own (English) copy, and each
 * text that is still the template's English is replaced by its translation; text the file words differently
 * (an older LayerLab, a hand edit) is shown as it is.
 */
export function lessonInLanguage(lesson: Lesson, lng?: string): Lesson {
  const t = getTemplate(lesson.templateId);
  if (!t) return lesson;
  const steps = templateTryNext(t, lng);
  return {
    ...lesson,
    title: lesson.title === t.name ? templateText(t, 'name', lng) : lesson.title,
    explanation: lesson.explanation === t.explanation ? templateText(t, 'explanation', lng) : lesson.explanation,
    steps: lesson.steps.map((s, i) => (s.text === t.tryNext[i] ? { ...s, text: steps[i] } : s)),
  };
}

/** A dataset's name or description in the current language (its own English text for a dataset the catalogue lacks). */
export function datasetText(d: Pick<DatasetDescriptor, 'id' | 'name' | 'description'>, field: 'name' | 'description', lng?: string): string {
  return lessonsText(`datasets.${d.id}.${field}`, { defaultValue: d[field] }, lng);
}

/**
 * Each dataset option's place in the catalogue, found by its English text: the renderer's specs may come from
 * the host (copies, not the catalogue's own objects). Options with the same key and text share a translation.
 */
const optionText = (o: Pick<DatasetOptionSpec, 'key' | 'label' | 'help'>) => `${o.key}\u0000${o.label}\u0000${o.help}`;
const OPTION_KEYS = new Map<string, string>(
  DATASETS.flatMap((d) => d.options.map((o): [string, string] => [optionText(o), `datasets.${d.id}.options.${o.key}`])).reverse(),
);

/** A dataset option's label or help in the current language; the spec's own text when it is not in the catalogue. */
export function datasetOptionText(spec: DatasetOptionSpec, field: 'label' | 'help', lng?: string): string {
  const key = OPTION_KEYS.get(optionText(spec));
  return key ? lessonsText(`${key}.${field}`, {}, lng) : spec[field];
}

/** Where each help topic object sits in the catalogue, so a view given the object can ask for its translation. */
const TOPIC_KEYS = new Map<TopicHelp, string>(
  (Object.entries(HELP_FAMILIES) as [HelpFamily, Record<string, TopicHelp>][]).flatMap(([family, topics]) =>
    Object.entries(topics).map(([name, topic]): [TopicHelp, string] => [topic, `training.${family}.${name}`]),
  ),
);

/** A training help topic (optimizer, loss, schedule, activation, setting) in the current language. */
export function topicText(topic: TopicHelp, lng?: string): TopicHelp {
  const key = TOPIC_KEYS.get(topic);
  if (!key) return topic;
  return {
    title: lessonsText(`${key}.title`, {}, lng),
    formula: lessonsText(`${key}.formula`, {}, lng),
    intuition: lessonsText(`${key}.intuition`, {}, lng),
    whenToUse: lessonsText(`${key}.whenToUse`, {}, lng),
  };
}

/** One line of help under a smaller training field. */
export function fieldNoteText(field: FieldNote, lng?: string): string {
  return lessonsText(`training.note.${field}`, {}, lng);
}

/** Every field note in the current language, keyed like FIELD_NOTES. */
export function fieldNotes(lng?: string): Record<FieldNote, string> {
  return Object.fromEntries((Object.keys(FIELD_NOTES) as FieldNote[]).map((f) => [f, fieldNoteText(f, lng)])) as Record<FieldNote, string>;
}
