// `layerlab import MODEL.json --out FILE.layerlab.json`: a tfjs Layers model.json or Keras JSON config as a graph;
// `layerlab import MODEL.onnx --out ...`: an ONNX model's graph, and its weights as a run in the data folder.
import { readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { inferGraph, formatCount } from '../../shared/infer';
import { importModelJsonWithDataset, ImportError } from '../import/model-json';
import { CliError, parseArgs, type CliCommand } from './args';
import { resolveDataDir } from '../files/data-dir';
import { i18n } from '../../shared/i18n/i18n';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import MODEL.json|MODEL.onnx --out FILE.layerlab.json [--force]',
  summary: 'open a tfjs model.json, Keras JSON config or ONNX model as a graph file',
  help: i18n.t('cli:help.import', { lng: 'en' }),
  async run(args) {
    const { positionals, options } = parseArgs(args, { out: { type: 'string' }, name: { type: 'string' }, force: { type: 'flag' } });
    if (positionals.length !== 1) throw new CliError(`import takes one model file, got ${positionals.length}`);
    const file = positionals[0];
    const out = options.out as string | undefined;
    if (!out) throw new CliError('--out FILE.layerlab.json is required');
    if (!options.force && (await access(out).then(() => true, () => false))) {
      throw new CliError(`${out} already exists; pass --force to replace it`);
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    if (file.toLowerCase().endsWith('.onnx')) return importOnnxFile(file, out, options.name as string | undefined);
    const name = (options.name as string | undefined) ?? path.basename(path.dirname(path.resolve(file)));
    let graph, datasetNote;
    try {
      ({ graph, datasetNote } = importModelJsonWithDataset(text, name));
    } catch (err) {
      if (err instanceof ImportError) throw new CliError(`${file}: ${err.message}`);
      throw err;
    }
    await writeFile(out, `${JSON.stringify(graph, null, 2)}\n`);
    const inf = inferGraph(graph);
    console.log(`${out}: ${graph.nodes.length} nodes, ${inf.totalParams.toLocaleString('en-US')} parameters (${formatCount(inf.totalParams)})`);
    console.log(datasetNote);
    for (const e of inf.errors) console.error(`warning: ${e.nodeId ?? 'graph'}: ${e.message}`);
    return 0;
  },
};

async function importOnnxFile(file: string, out: string, name?: string): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  // Loaded here: tfjs builds the model that takes the weights; model.json imports stay light.
  const { importOnnxRun } = await import('../import/onnx/imported-run');
  let result;
  try {
    result = await importOnnxRun(bytes, name ?? path.basename(file, path.extname(file)), resolveDataDir());
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  await writeFile(out, `${JSON.stringify(result.graph, null, 2)}\n`);
  const inf = inferGraph(result.graph);
  console.log(`${out}: ${result.graph.nodes.length} nodes, ${inf.totalParams.toLocaleString('en-US')} parameters (${formatCount(inf.totalParams)})`);
  console.log(`weights: run ${result.runId} (imported) in ${resolveDataDir()}`);
  console.log(result.datasetNote);
  for (const note of result.notes) console.log(`note: ${note}`);
  return 0;
}
