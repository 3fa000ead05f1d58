// `layerlab import MODEL.json --out FILE.layerlab.json`: a tfjs Layers model.json or Keras JSON config as a graph.
import { readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { inferGraph, formatCount } from '../../shared/infer';
import { importModelJson, ImportError } from '../import/model-json';
import { CliError, parseArgs, type CliCommand } from './args';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import MODEL.json --out FILE.layerlab.json [--force]',
  summary: 'open a tfjs model.json or Keras JSON config as a graph file',
  help: [
    'Usage: layerlab import MODEL.json --out FILE.layerlab.json [--name NAME] [--force]',
    '',
    'Reads a TensorFlow.js Layers model.json (as written by model.save or tensorflowjs_converter) or a',
    'Keras model JSON config (model.to_json()) and writes a LayerLab graph file: each known layer class',
    'becomes a node, laid out left to right, with an Output node per model output. Weights are not',
    'imported. An existing --out file is kept unless --force is given.',
    'Exit code 0 on success, 2 on a bad or unsupported model file.',
  ].join('\n'),
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
    const name = (options.name as string | undefined) ?? path.basename(path.dirname(path.resolve(file)));
    let graph;
    try {
      graph = importModelJson(text, name);
    } catch (err) {
      if (err instanceof ImportError) throw new CliError(`${file}: ${err.message}`);
      throw err;
    }
    await writeFile(out, `${JSON.stringify(graph, null, 2)}\n`);
    const inf = inferGraph(graph);
    console.log(`${out}: ${graph.nodes.length} nodes, ${inf.totalParams.toLocaleString('en-US')} parameters (${formatCount(inf.totalParams)})`);
    for (const e of inf.errors) console.error(`warning: ${e.nodeId ?? 'graph'}: ${e.message}`);
    return 0;
  },
};
