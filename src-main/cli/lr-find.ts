// `layerlab lr-find FILE | --template ID`: the learning-rate range test (Smith 2017) on the graph's model, data and
// settings, as the app's "Find learning rate" runs it; prints the loss per rate and the suggested rate.
import { i18n } from '../../shared/i18n/i18n';
import path from 'node:path';
import type { LrFinderResult } from '../../shared/api';
import { resolveDataDir } from '../files/data-dir';
import { runLrFindJob } from '../training/lr-find-job';
import { CliError, parseArgs, type CliCommand } from './args';
import { loadGraphArg } from './inspect';
import { applyTrainOverrides } from './train';

const OPTIONS = {
  template: { type: 'string' },
  'batch-size': { type: 'int' },
  limit: { type: 'int' },
  backend: { type: 'string' },
  steps: { type: 'int' },
  json: { type: 'flag' },
} as const;

/** About a dozen rows of the curve, then the suggestion. */
export function lrFindText(r: LrFinderResult): string {
  const every = Math.max(1, Math.ceil(r.lrs.length / 12));
  const rows = r.lrs.map((lr, i) => ({ lr, loss: r.losses[i], smoothed: r.smoothed[i] })).filter((_, i) => i % every === 0 || i === r.lrs.length - 1);
  return [
    'learning rate   loss      smoothed',
    ...rows.map((p) => `${p.lr.toExponential(2).padEnd(15)} ${p.loss.toFixed(4).padEnd(9)} ${p.smoothed.toFixed(4)}`),
    '',
    r.suggestion === null
      ? 'No suggestion: the loss never fell.'
      : `Suggested learning rate: ${r.suggestion.toPrecision(2)} (the smoothed loss's minimum / 10)` +
        (r.steepest !== null ? `; steepest descent: ${r.steepest.toPrecision(2)}` : ''),
    r.stopReason ? `Stopped: ${r.stopReason}.` : 'Ran to the largest rate without diverging.',
  ].join('\n');
}

export const lrFindCommand: CliCommand = {
  name: 'lr-find',
  usage: 'lr-find FILE | --template ID [--steps N] [--json]',
  summary: 'learning-rate finder: loss against a growing rate, and a suggested rate',
  // The English source is the cli catalogue's (cli.ts prints the --lang language's).
  help: i18n.t('cli:help.lr-find', { lng: 'en' }),
  async run(args) {
    const { positionals, options } = parseArgs(args, OPTIONS);
    if (positionals.length > 1) throw new CliError(`lr-find takes one file, got ${positionals.length}`);
    if (options.steps !== undefined && (options.steps as number) < 5) throw new CliError(`--steps must be at least 5, got ${options.steps}`);
    const graph = applyTrainOverrides(await loadGraphArg(positionals[0], options.template as string | undefined), options);
    let result: LrFinderResult;
    try {
      result = await runLrFindJob({ graph, cacheDir: path.join(resolveDataDir(), 'cache'), ...(options.steps !== undefined ? { steps: options.steps as number } : {}) });
    } catch (err) {
      throw new CliError(`the learning-rate finder failed: ${err instanceof Error ? err.message : String(err)}`, 1);
    }
    console.log(options.json ? JSON.stringify(result) : lrFindText(result));
    return 0;
  },
};
