// Runs shared inference against the shapes of the graph's dataset configuration.
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { inferGraph, type GraphInference } from '../../../shared/infer';
import { datasetShapes } from '../../../shared/data/catalog';
import { withUpstreamFixes } from './upstreamFixes';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

export interface InferenceResult {
  inference: GraphInference;
  shapes: DatasetShapes | undefined;
  /** Why the dataset's shapes are unknown (unknown id, bad option), or null. */
  datasetProblem: string | null;
}

export function inferWithDataset(graph: GraphFile): InferenceResult {
  let shapes: DatasetShapes | undefined;
  let datasetProblem: string | null = null;
  if (graph.extras?.viewOnly === true) {
    // GPT-1/2/3 are there to be counted, not trained: their vocabularies match no bundled dataset.
    datasetProblem = i18n.t('common:status.viewOnly');
  } else {
    try {
      shapes = datasetShapes(graph.dataset);
    } catch (err) {
      datasetProblem = errorText(err);
    }
  }
  return { inference: withUpstreamFixes(graph, inferGraph(graph, shapes), shapes), shapes, datasetProblem };
}
