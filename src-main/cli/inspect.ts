// `layerlab inspect FILE`: the layer table with output shapes and parameter counts, and the total.
import { i18n } from '../../shared/i18n/i18n';
import { readFile } from 'node:fs/promises';
import type { GraphFile } from '../../shared/graph/types';
import { parseGraphFile, GraphFileError } from '../../shared/graph/validate';
import { inferGraphFile, formatCount } from '../../shared/infer';
import { formatShape } from '../../shared/layers/types';
import { getTemplate, templateIds } from '../../shared/templates';
import { nodeLinks } from '../../shared/graph/links';
import { CliError, parseArgs, type CliCommand } from './args';

export async function loadGraphArg(file: string | undefined, template: string | undefined): Promise<GraphFile> {
  if (template) {
    const t = getTemplate(template);
    if (!t) throw new CliError(`no template '${template}'. Templates: ${templateIds().join(', ')}`);
    return t.graph;
  }
  if (!file) throw new CliError('give a graph file (FILE.layerlab.json) or --template ID');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return parseGraphFile(text);
  } catch (err) {
    if (err instanceof GraphFileError) throw new CliError(`${file}: ${err.message}`, 2, { lead: `${file}: `, detail: err.errorDetail });
    throw err;
  }
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  usage: 'inspect FILE | --template ID [--json]',
  summary: 'print layers, output shapes, parameter counts and the total',
  // The English source is the cli catalogue's (cli.ts prints the --lang language's).
  help: i18n.t('cli:help.inspect', { lng: 'en' }),
  async run(args) {
    const { positionals, options } = parseArgs(args, { template: { type: 'string' }, json: { type: 'flag' } });
    if (positionals.length > 1) throw new CliError(`inspect takes one file, got ${positionals.length}`);
    const graph = await loadGraphArg(positionals[0], options.template as string | undefined);
    const started = performance.now();
    const result = inferGraphFile(graph);
    const ms = performance.now() - started;
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const links = nodeLinks(graph).map((l) => ({ from: l.from, param: l.param, to: l.to, meaning: l.spec.link }));

    if (options.json) {
      console.log(JSON.stringify({
        name: graph.name,
        totalParams: result.totalParams,
        layers: result.order.map((id) => ({
          id, kind: byId.get(id)!.kind, outputs: result.nodes[id].outputs, params: result.nodes[id].params,
          error: result.nodes[id].error?.message,
        })),
        links,
        errors: result.errors.map((e) => ({ nodeId: e.nodeId, message: e.message })),
        inferenceMs: ms,
      }, null, 2));
      return result.errors.length ? 1 : 0;
    }

    const rows = result.order.map((id) => {
      const node = byId.get(id)!;
      const info = result.nodes[id];
      const shapes = info.outputs.length ? info.outputs.map((s) => (s ? formatShape(s) : '?')).join(' ') : '-';
      return [`${node.label ?? node.kind} (${id})`, shapes, info.params.toLocaleString('en-US')];
    });
    const header = ['Layer', 'Output shape', 'Params'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}`;
    console.log(`${graph.name}`);
    if (graph.description) console.log(graph.description);
    console.log(line(header));
    console.log('-'.repeat(widths[0] + widths[1] + widths[2] + 4));
    for (const r of rows) console.log(line(r));
    console.log('-'.repeat(widths[0] + widths[1] + widths[2] + 4));
    console.log(`Total parameters: ${result.totalParams.toLocaleString('en-US')} (${formatCount(result.totalParams)})`);
    for (const l of links) console.log(`Link (not a wire): ${l.from} '${l.param}' -> ${l.to}: ${l.meaning}, held and counted at ${l.to}.`);
    console.log(`Inferred in ${ms.toFixed(1)} ms, no weights allocated.`);
    for (const e of result.errors) {
      const where = e.nodeId ? `${byId.get(e.nodeId)?.kind ?? '?'} (${e.nodeId})` : 'graph';
      console.error(`error: ${where}: ${e.message}${e.fixes.length ? ` Fix: ${e.fixes.map((f) => f.label).join(' / ')}` : ''}`);
    }
    return result.errors.length ? 1 : 0;
  },
};
