// Built-in example graphs shown in the "New from template" list: one working example per idea the course
// teaches, each with its dataset and training settings, an explanation and what to try next.
import type { GraphFile } from '../graph/types';
import { mlpMnist } from './mlp-mnist';
import { GPT_TEMPLATES, type GptTemplate } from './gpt-configs';
import { cnnCifar } from './cnn-cifar';
import { RNN_COMPARISON, lstmMnistRows, manyToManyTagging, oneToManyDigitNames } from './recurrent';
import { seq2seqDates, seq2seqDatesAttention } from './seq2seq-dates';
import { charGpt, transformerClassifier } from './transformers';
import { wavenet } from './wavenet';
import { snail } from './snail';
import { graphPresets } from './preset-data';
import { applyPreset } from './presets';
import { inferGraphFile } from '../infer';
import { TEMPLATE_FACTS, type TemplateFacts } from './facts';
import { newLesson, withLesson } from '../graph/lesson';
import { fillText, type TextParams } from './text';

export interface Template {
  id: string;
  name: string;
  /** One line: the architecture and its size. */
  description: string;
  /** A short explanation of the idea the template demonstrates. */
  explanation: string;
  /** Experiments to try next, one per entry. */
  tryNext: string[];
  graph: GraphFile;
  /**
   * Values of the {{placeholders}} in name, description, explanation and tryNext (see text.ts): figures taken from
   * the template's constants, so the translated texts use the same numbers.
   */
  textParams?: TextParams;
  /** Templates that share one text (the three long-dependency cells) name it here; default: the id. */
  textId?: string;
  /**
   * Other sizes of the same graph (its extras.presets, e.g. GPT-2 small to XL), each openable by its id through
   * getTemplate; the open graph switches between them in the model settings. Absent for a single size.
   */
  variants?: TemplateVariant[];
}

export interface TemplateVariant {
  id: string;
  name: string;
  description: string;
  /** By inference, as the canvas header shows it. */
  totalParams: number;
}

const mlp: Template = {
  id: 'mlp-mnist',
  name: 'MLP on MNIST',
  description: 'Input [784] -> Dense 1024 -> Dense 512 -> Dense 512 -> Dense 10 softmax (1,596,426 parameters)',
  explanation:
    'A multilayer perceptron: each 28x28 digit is flattened into a vector of 784 pixels, so the model does not ' +
    'know which pixels are neighbours. Three fully connected hidden layers with relu and a 10-way softmax, ' +
    'trained with cross-entropy and Adam. About half of its 1,596,426 parameters sit in the first layer ' +
    '(784 x 1024 + 1024 = 803,840); the second holds 524,800 (1024 x 512 + 512), the third 262,656 and the ' +
    'output layer 5,130.',
  tryNext: [
    'Remove a hidden layer or halve the widths: how much accuracy do the extra parameters buy?',
    'Add Dropout between the Dense layers and compare training and validation accuracy.',
    'Try SGD instead of Adam at the same learning rate, then at 0.1.',
    'Compare with the CNN and LSTM templates, which know that pixels have neighbours.',
  ],
  graph: mlpMnist,
};

/** The view-only GPT configurations get the same explanation. */
function gptTemplate(t: GptTemplate): Template {
  const presets = graphPresets(t.graph);
  return {
    ...t,
    explanation:
      'A real GPT configuration, view-only: look at where the parameters sit (embedding, attention, feed-forward) ' +
      'and how the count grows with depth and width. The output head reuses the token embedding\'s matrix ' +
      '(weight tying, the dashed line), as GPT does, so the total is the published one. Building it would ' +
      'allocate every weight.',
    tryNext: [
      'Open the "Tiny GPT on characters" template: the same structure at a size that trains here.',
      'Compare the count per decoder block across GPT-1, GPT-2 and GPT-3 (12 d^2 per block plus biases and norms).',
      ...(presets.length > 1 ? ['Switch the preset (select nothing, then Preset in the model settings) and watch where the parameters grow.'] : []),
    ],
    ...(presets.length > 1 ? { variants: presets.map((p) => variant(t.graph, p.id)) } : {}),
  };
}

function variant(graph: GraphFile, presetId: string): TemplateVariant {
  const g = applyPreset(graph, presetId);
  return { id: presetId, name: g.name, description: g.description ?? '', totalParams: inferGraphFile(g).totalParams };
}

/** The English texts as written, placeholders unfilled: the source of the `lessons` catalogue (shared/i18n). */
export interface TemplateSource {
  textId: string;
  name: string;
  description: string;
  explanation: string;
  tryNext: string[];
  params: TextParams;
}

/**
 * A template as the app offers it: with its chapter and full-scale result (facts.ts), its texts filled in, its
 * lesson in the graph, and its unfilled English source.
 */
export type CourseTemplate = Omit<Template, 'textParams' | 'textId'> & TemplateFacts & { source: TemplateSource };

function withFacts(t: Template): CourseTemplate {
  const facts = TEMPLATE_FACTS[t.id];
  if (!facts) throw new Error(`Template '${t.id}' has no entry in templates/facts.ts (chapter and full-scale result)`);
  const { textParams: params = {}, textId = t.id, ...rest } = t;
  const source: TemplateSource = { textId, name: t.name, description: t.description, explanation: t.explanation, tryNext: t.tryNext, params };
  const filled = {
    ...rest,
    name: fillText(t.name, params),
    description: fillText(t.description, params),
    explanation: fillText(t.explanation, params),
    tryNext: t.tryNext.map((s) => fillText(s, params)),
  };
  // The lesson travels in the graph, so every way of opening a template (gallery, ?template=ID, a run's graph) has it.
  return { ...filled, ...facts, source, graph: withLesson(t.graph, newLesson(filled)) };
}

export const TEMPLATES: CourseTemplate[] = [
  mlp,
  cnnCifar,
  lstmMnistRows,
  oneToManyDigitNames,
  manyToManyTagging,
  seq2seqDates,
  seq2seqDatesAttention,
  transformerClassifier,
  charGpt,
  wavenet,
  snail,
  ...RNN_COMPARISON,
  // View-only: their parameter counts are the point; building them would allocate billions of weights.
  ...GPT_TEMPLATES.map(gptTemplate),
].map(withFacts);

/** View-only templates show shapes and counts but are not meant to be built or trained. */
export function isViewOnly(t: Template): boolean {
  return t.graph.extras?.viewOnly === true;
}

/** A template by id, or one of its variants by the variant's id (e.g. 'gpt-2-small'): its graph at that preset. */
export function getTemplate(id: string): CourseTemplate | undefined {
  const t = TEMPLATES.find((x) => x.id === id);
  if (t) return t;
  const family = TEMPLATES.find((x) => x.variants?.some((v) => v.id === id));
  if (!family) return undefined;
  const graph = applyPreset(family.graph, id);
  return { ...family, id, name: graph.name, description: graph.description ?? family.description, graph };
}

/** Every id getTemplate opens: the templates' and their variants'. */
export function templateIds(): string[] {
  return TEMPLATES.flatMap((t) => [t.id, ...(t.variants ?? []).map((v) => v.id).filter((v) => v !== t.id)]);
}
