// The English `lessons` catalogue, built from the registries that hold the English text (one source: a template,
// a dataset or a help topic is written once, in its own file). The Korean catalogue,
// locales/ko/lessons.json, has exactly the same keys (lessons.test.ts checks both ways). Key shapes:
//   chapters.<chapterId>                                   gallery chapter titles (templates/facts.ts)
//   templates.<textId>.name | description | explanation   a template's texts; textId = the id, or the id the
//   templates.<textId>.tryNext.<i>                         templates sharing a text name (long-dependency);
//                                                          {{placeholders}} filled from template.source.params;
//                                                          no description for live-described graphs (GPTs)
//   results.<templateId>                                   the full-scale result line (templates/facts.ts)
//   gpt.<phrase>                                           phrases of the live GPT descriptions (gpt-description.ts)
//   datasets.<datasetId>.name | description                the dataset picker (data/catalog.ts)
//   datasets.<datasetId>.options.<optionKey>.label | help
//   training.<optimizer|loss|schedule|activation|setting>.<name>.title | formula | intuition | whenToUse
//   training.note.<field>                                  one-line notes under smaller fields (training-help/settings.ts)
import { TEMPLATES } from '../templates';
import { CHAPTERS, TEMPLATE_FACTS } from '../templates/facts';
import { DESCRIBE_KEY } from '../templates/describe';
import { GPT_TEXT_EN } from '../templates/gpt-description';
import { DATASETS } from '../data/catalog';
import { ACTIVATION_HELP, FIELD_NOTES, LOSS_HELP, OPTIMIZER_HELP, SCHEDULE_HELP, SETTING_HELP, type TopicHelp } from '../training-help';

/** The help registries by the key segment they get under `training.`. */
export const HELP_FAMILIES = {
  optimizer: OPTIMIZER_HELP,
  loss: LOSS_HELP,
  schedule: SCHEDULE_HELP,
  activation: ACTIVATION_HELP,
  setting: SETTING_HELP,
} as const satisfies Record<string, Record<string, TopicHelp>>;

export type HelpFamily = keyof typeof HELP_FAMILIES;

interface TemplateTexts {
  name: string;
  description?: string;
  explanation: string;
  tryNext: string[];
}

const mapValues = <T, U>(o: Record<string, T>, f: (v: T, k: string) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));

function templateTexts(): Record<string, TemplateTexts> {
  const out: Record<string, TemplateTexts> = {};
  for (const t of TEMPLATES) {
    const { textId, name, description, explanation, tryNext } = t.source;
    const live = typeof t.graph.extras?.[DESCRIBE_KEY] === 'string';
    const texts: TemplateTexts = { name, ...(live ? {} : { description }), explanation, tryNext };
    const seen = out[textId];
    if (seen && JSON.stringify(seen) !== JSON.stringify(texts)) {
      throw new Error(`Templates sharing the text '${textId}' must have the same English source (${t.id} differs)`);
    }
    out[textId] = texts;
  }
  return out;
}

export function lessonsCatalogEn() {
  return {
    chapters: Object.fromEntries(CHAPTERS.map((c) => [c.id, c.title])) as Record<string, string>,
    templates: templateTexts(),
    results: mapValues(TEMPLATE_FACTS, (f) => f.fullScale.result),
    gpt: { ...GPT_TEXT_EN } as Record<string, string>,
    datasets: Object.fromEntries(
      DATASETS.map((d) => [
        d.id,
        {
          name: d.name,
          description: d.description,
          options: Object.fromEntries(d.options.map((o) => [o.key, { label: o.label, help: o.help }])),
        },
      ]),
    ),
    training: {
      ...mapValues(HELP_FAMILIES, (family) => mapValues(family as Record<string, TopicHelp>, (h) => ({ ...h }))),
      note: { ...FIELD_NOTES } as Record<string, string>,
    },
  };
}

export type LessonsCatalog = ReturnType<typeof lessonsCatalogEn>;
