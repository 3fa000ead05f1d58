// The work behind `layerlab export` (loaded on demand, so other commands start without tfjs).
import { resolveDataDir } from '../files/data-dir';
import { EXPORT_FORMATS, type ExportFormat } from '../export';
import { runExportJob, ExportJobError } from '../export/export-job';
import { CliError, parseArgs } from './args';
import { loadGraphArg } from './inspect';

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

  if (options.run && (positionals[0] || options.template)) console.error('note: using the graph stored with the run; the file argument is ignored');
  const graph = options.run ? undefined : await loadGraphArg(positionals[0], options.template as string | undefined);
  try {
    const result = await runExportJob(
      { dataDir: resolveDataDir(), format, outDir, runId: options.run as string | undefined, graph, includeData: !options['no-data'] },
      (n) => console.error(`note: ${n}`),
    );
    for (const n of result.notes) console.error(`note: ${n}`);
    for (const f of result.files) console.log(f);
    return 0;
  } catch (err) {
    if (err instanceof ExportJobError) throw new CliError(err.message, err.exitCode);
    throw err;
  }
}
