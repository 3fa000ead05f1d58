// An imported model's dataset: the first catalogue dataset whose shapes fit its inputs and outputs (CIFAR-10 for
// [32, 32, 3] -> [10], MNIST as vectors, matrices or images for 28x28 digits ...), so the graph opens without a
// shape problem; when none fits, the note names the shapes the model takes and produces instead.
import { DATASETS, datasetShapes, getDescriptor } from '../../shared/data/catalog';
import type { DatasetDescriptor } from '../../shared/data/types';
import { defaultDatasetConfig, defaultTrainingConfig } from '../../shared/graph/defaults';
import type { DatasetConfig, GraphFile } from '../../shared/graph/types';
import { formatShape } from '../../shared/layers/types';
import { inferGraph } from '../../shared/infer';

/** Text generation reads the user's own .txt file: its shapes are known, but there is nothing to load until one is picked. */
const NEEDS_USER_FILE = new Set(['char-text']);

/** Every catalogue configuration with fully known shapes, in catalogue order (MNIST bundled first). */
function candidates(): { descriptor: DatasetDescriptor; config: DatasetConfig }[] {
  const base = defaultDatasetConfig();
  return DATASETS.filter((d) => !NEEDS_USER_FILE.has(d.id)).flatMap((descriptor) =>
    descriptor.representations.map((representation) => ({
      descriptor,
      config: {
        ...base,
        id: descriptor.id,
        representation,
        labels: descriptor.labelEncodings.includes(base.labels) ? base.labels : descriptor.labelEncodings[0],
        normalization: descriptor.normalizations.includes(base.normalization) ? base.normalization : descriptor.normalizations[0],
      },
    })),
  ).filter(({ config }) => {
    const shapes = datasetShapes(config);
    return [...Object.values(shapes.features), ...Object.values(shapes.targets)].every((s) => s.every((d) => d !== null));
  });
}

/** 'x [32, 32, 3]; y [10]': what the graph's Input nodes take and its Output nodes receive. */
function modelShapes(graph: GraphFile): string {
  const inference = inferGraph(graph);
  const inputs = graph.nodes.filter((n) => n.kind === 'Input').map((n) => `${String(n.params.feature)} ${formatShape(n.params.shape as number[])}`);
  const outputs = graph.nodes.filter((n) => n.kind === 'Output').map((n) => {
    const edge = graph.edges.find((e) => e.target === n.id);
    const shape = edge ? inference.edges[edge.id] : null;
    return `${String(n.params.target)} ${shape ? formatShape(shape) : '[?]'}`;
  });
  return [...inputs, ...outputs].join('; ');
}

/** The graph with the first catalogue dataset that raises no shape problem, and a sentence saying what was picked. */
export function withFittingDataset(graph: GraphFile): { graph: GraphFile; note: string } {
  // Problems of the graph itself do not count against a dataset: compare with the count before any data.
  const ownErrors = inferGraph(graph).errors.length;
  const fit = candidates().find(({ config }) => inferGraph(graph, datasetShapes(config)).errors.length === ownErrors);
  if (!fit) {
    const first = graph.nodes.find((n) => n.kind === 'Input')?.params.shape as number[] | undefined;
    const dataset = { ...defaultDatasetConfig(), representation: first?.length === 3 ? 'image' : first?.length === 2 ? 'matrix' : 'vector' } as DatasetConfig;
    const note = `No dataset of the catalogue fits this model (${modelShapes(graph)}); it keeps ${getDescriptor(dataset.id)?.name ?? dataset.id} until you pick or load data of those shapes (a CSV table or an image folder, in the Dataset panel).`;
    return { graph: { ...graph, dataset }, note };
  }
  const { descriptor, config } = fit;
  // A regression dataset (time series) needs a regression loss; the default is categorical cross-entropy.
  const training = descriptor.task === 'regression' ? { ...defaultTrainingConfig(), ...graph.training, loss: 'meanSquaredError' as const, metrics: [] } : graph.training;
  const note = `Dataset: ${descriptor.name} as ${config.representation}, whose shapes fit the model (${modelShapes(graph)}).`;
  return { graph: { ...graph, dataset: config, training }, note };
}
