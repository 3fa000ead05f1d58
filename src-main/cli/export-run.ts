// The work behind `layerlab export` (loaded on demand, so other commands start without tfjs).
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import type { DatasetShapes } from '../../shared/data/types';
import { datasetShapes } from '../../shared/data/catalog';
import { formatCount, inferGraph } from '../../shared/infer';
import { buildModel } from '../engine/compile';
import { causalPad1DClass } from '../engine/custom/conv-causal-pad';
import { loadDataset } from '../data';
import type { LoadedDataset } from '../data/types';
import { resolveDataDir } from '../files/data-dir';
import { RunStore, isRunId } from '../training/run-store';
import { folderReader } from '../export/tfjs/export-tfjs';
import { EXPORT_FORMATS, ExportError, exportGraph, type ExportFormat } from '../export';
import { CliError, parseArgs } from './args';
import { loadGraphArg } from './inspect';

/** Above this a fresh tfjs model would need gigabytes of memory. */
const MAX_BUILD_PARAMS = 200_000_000;

async function registerCustomLayers(): Promise<void> {
  causalPad1DClass(tf);
  await import('../engine/custom/register'); // attention / transformer classes register on import
}

async function runModel(dataDir: string, runId: string): Promise<{ graph: GraphFile; model: tf.LayersModel }> {
  if (!isRunId(runId)) throw new CliError(`--run '${runId}' is not a run id (like run-20250101-120000-ab12cd)`);
  const store = new RunStore(dataDir);
  const record = await store.get(runId).catch((err: Error) => {
    throw new CliError(`cannot read run ${runId}: ${err.message}`);
  });
  if (!record) throw new CliError(`no run '${runId}' in ${path.join(dataDir, 'runs')}`);
  await registerCustomLayers();
  try {
    return { graph: record.graph, model: await tf.loadLayersModel(folderReader(store.modelDir(runId), tf)) };
  } catch (err) {
    throw new CliError(`run ${runId} has no usable trained weights (${(err as Error).message}); was it trained for at least one epoch?`, 1);
  }
}

function shapesOf(graph: GraphFile): DatasetShapes | undefined {
  try {
    return datasetShapes(graph.dataset);
  } catch {
    return undefined;
  }
}

export async function runExport(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    run: { type: 'string' },
    template: { type: 'string' },
    'no-data': { type: 'flag' },
  });
  const format = options.format as ExportFormat | undefined;
  if (!format) throw new CliError(`--format is required: ${EXPORT_FORMATS.join(', ')}`);
  if (!EXPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
  const outDir = options.out as string | undefined;
  if (!outDir) throw new CliError('--out DIR is required');
  if (positionals.length > 1) throw new CliError(`export takes one file, got ${positionals.length}`);

  const dataDir = resolveDataDir();
  tf.env().set('PROD', true); // no console banner about tfjs-node; export only runs forward passes
  await tf.setBackend('cpu');
  let graph: GraphFile;
  let model: tf.LayersModel | undefined;
  if (options.run) {
    ({ graph, model } = await runModel(dataDir, options.run as string));
    if (positionals[0] || options.template) console.error('note: using the graph stored with the run; the file argument is ignored');
  } else {
    graph = await loadGraphArg(positionals[0], options.template as string | undefined);
  }

  let dataset: LoadedDataset | undefined;
  if (format !== 'tfjs' && !options['no-data']) {
    try {
      dataset = await loadDataset(graph.dataset, { cacheDir: path.join(dataDir, 'cache') });
    } catch (err) {
      console.error(`note: dataset '${graph.dataset.id}' could not be loaded (${(err as Error).message}); no data.npz written`);
    }
  }
  const shapes = dataset?.shapes ?? shapesOf(graph);
  try {
    if (format === 'tfjs' && !model) {
      const total = inferGraph(graph, shapes).totalParams;
      if (graph.extras?.viewOnly === true || total > MAX_BUILD_PARAMS) {
        throw new CliError(`'${graph.name}' has ${formatCount(total)} parameters: too big to build with tfjs here (the tfjs export needs real weights). Export it as pytorch or keras code instead.`, 1);
      }
      model = buildModel(graph, tf, shapes).model;
      console.error('note: no --run given, so the model has freshly initialised (untrained) weights; train it with `layerlab train` and pass --run RUN_ID to export trained weights');
    }
    const result = await exportGraph({ graph, format, outDir, shapes, model, dataset });
    for (const n of result.notes) console.error(`note: ${n}`);
    for (const f of result.files) console.log(f);
    return 0;
  } catch (err) {
    if (err instanceof ExportError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    model?.dispose();
  }
}
