// Live descriptions: a graph whose extras.describe names a describer gets its description rewritten from the
// graph and its inference after every edit (the block count, a preset), so its figures never go stale.
import type { GraphFile } from '../graph/types';
import { inferGraphFile, type GraphInference } from '../infer';
import { describeGptCard, describeGptChain, type GptTranslate } from './gpt-description';

export const DESCRIBE_KEY = 'describe';

type Describer = (graph: GraphFile, inference: GraphInference, tr?: GptTranslate) => string | null;

const DESCRIBERS: Record<string, Describer> = {
  'gpt-card': describeGptCard,
  'gpt-chain': describeGptChain,
};

export type DescriberId = keyof typeof DESCRIBERS;

/**
 * The graph with its description rewritten by its describer (inference is computed when not given); the same
 * object when it has none, its structure no longer fits the describer, or the text is unchanged.
 */
export function withLiveDescription(graph: GraphFile, inference?: GraphInference): GraphFile {
  const id = graph.extras?.[DESCRIBE_KEY];
  const describer = typeof id === 'string' && Object.hasOwn(DESCRIBERS, id) ? DESCRIBERS[id] : undefined;
  if (!describer) return graph;
  const text = describer(graph, inference ?? inferGraphFile(graph));
  return text === null || text === graph.description ? graph : { ...graph, description: text };
}

/**
 * The live description in another language: `tr` turns the describer's phrase keys into text (the app passes
 * the `lessons` catalogue's gpt.* entries). Null when the graph has no describer or no longer fits it.
 */
export function liveDescriptionIn(graph: GraphFile, tr: GptTranslate, inference?: GraphInference): string | null {
  const id = graph.extras?.[DESCRIBE_KEY];
  const describer = typeof id === 'string' && Object.hasOwn(DESCRIBERS, id) ? DESCRIBERS[id] : undefined;
  return describer ? describer(graph, inference ?? inferGraphFile(graph), tr) : null;
}
