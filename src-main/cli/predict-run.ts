// The work behind `layerlab predict` (loaded on demand, so other commands start without tfjs): the same
// preparation and prediction as the app's Try panel (src-main/predict), in this process.
import * as tf from '@tensorflow/tfjs';
import type { PredictRequest, PredictResult } from '../../shared/api';
import type { TryInput } from '../../shared/try-input';
import { resolveDataDir } from '../files/data-dir';
import { loadTryRun } from '../predict/load-run';
import { DEFAULT_GENERATE, predictRun } from '../predict/predict';
import { TryInputError } from '../predict/prepare-input';
import { MAX_FORECAST_STEPS, MAX_GENERATE } from '../predict/predict-payload';
import { CliError, parseArgs, type OptionSpec } from './args';

/** The options of `predict`, by name (a look-inside flag can join them here). */
export const PREDICT_OPTIONS: Record<string, OptionSpec> = {
  run: { type: 'string' },
  sample: { type: 'int' },
  text: { type: 'string' },
  generate: { type: 'int' },
  temperature: { type: 'number' },
  'top-k': { type: 'int' },
  seed: { type: 'int' },
  steps: { type: 'int' },
  json: { type: 'flag' },
  layers: { type: 'flag' },
};

function within(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = value as number;
  if (n < min || n > max) throw new CliError(`--${name} must be from ${min} to ${max}, got ${n}`);
  return n;
}

/** The request the options describe; bad combinations are CliErrors. */
export function predictRequestOf(options: Record<string, string | number | boolean>): PredictRequest {
  const runId = options.run as string | undefined;
  if (!runId) throw new CliError('--run RUN_ID is required (`layerlab train` prints the id of the run it stores)');
  const hasSample = options.sample !== undefined;
  const hasText = options.text !== undefined;
  if (hasSample === hasText) throw new CliError('give either --sample N or --text TEXT');
  const input: TryInput = hasSample ? { kind: 'sample', index: within('sample', options.sample, 0, 1e9)! } : { kind: 'text', text: options.text as string };
  const genFlags = ['temperature', 'top-k', 'seed'].filter((k) => options[k] !== undefined);
  if (options.generate === undefined && genFlags.length > 0) throw new CliError(`--${genFlags[0]} only applies with --generate N`);
  if (options.generate !== undefined && !hasText) throw new CliError('--generate needs --text "PROMPT" (the text to continue)');
  const temperature = options.temperature as number | undefined;
  if (temperature !== undefined && !(temperature > 0 && temperature <= 10)) throw new CliError(`--temperature must be above 0 and at most 10, got ${temperature}`);
  return {
    runId,
    input,
    ...(options.generate !== undefined
      ? {
          generate: {
            count: within('generate', options.generate, 1, MAX_GENERATE)!,
            temperature: temperature ?? DEFAULT_GENERATE.temperature,
            topK: within('top-k', options['top-k'], 0, 100_000) ?? DEFAULT_GENERATE.topK,
            seed: within('seed', options.seed, 0, 2 ** 31 - 1) ?? DEFAULT_GENERATE.seed,
          },
        }
      : {}),
    ...(options.steps !== undefined ? { steps: within('steps', options.steps, 1, MAX_FORECAST_STEPS) } : {}),
  };
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** The result as lines for a terminal. */
export function resultLines(result: PredictResult, label: string): string[] {
  switch (result.kind) {
    case 'classes': {
      const order = result.probabilities.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p).slice(0, 5);
      const truth = result.truth !== undefined ? ` (true class: ${result.classNames[result.truth]})` : '';
      return [
        `${label}: ${result.classNames[result.prediction]} with probability ${pct(result.probabilities[result.prediction])}${truth}`,
        ...order.map(({ p, i }) => `  ${result.classNames[i].padEnd(12)} ${pct(p).padStart(6)}`),
      ];
    }
    case 'generation':
      return [result.prompt + result.text];
    case 'translation':
      return [`${result.input} -> ${result.output}${result.truth !== undefined ? ` (truth: ${result.truth})` : ''}`];
    case 'forecast':
      return result.forecast.map((v, i) => `t+${i + 1}: ${v.toFixed(4)}${result.truth[i] !== undefined ? `  truth ${result.truth[i].toFixed(4)}` : ''}`);
    case 'episode':
      return [`${label}: predicted episode class ${result.prediction} (${pct(result.probabilities[result.prediction])})${result.truth !== undefined ? `, true class ${result.truth}` : ''}`];
    case 'values':
      return [`${label}: ${result.values.map((v) => v.toFixed(4)).join(', ')}${result.truth ? ` (truth ${result.truth.map((v) => v.toFixed(4)).join(', ')})` : ''}`];
    case 'steps':
      return [`${label}: ${result.predicted.join('')}${result.truth ? ` (truth ${result.truth.join('')})` : ''}`];
  }
}

/** --json: a classifier's prediction and probabilities first; other results as the api answers them. */
export function resultJson(result: PredictResult): unknown {
  if (result.kind !== 'classes') return result;
  const { prediction, probabilities, classNames, truth } = result;
  return { prediction, label: classNames[prediction], probabilities, classNames, ...(truth !== undefined ? { truth } : {}) };
}

export async function runPredict(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, PREDICT_OPTIONS);
  if (positionals.length > 0) throw new CliError(`predict takes no file argument, got '${positionals[0]}'`);
  const { runId, ...request } = predictRequestOf(options);
  if (options.layers) {
    if (request.generate) throw new CliError('--layers shows one input going through the model: leave out --generate');
    const { printLayerTable } = await import('./predict-layers');
    return printLayerTable(runId, request.input, Boolean(options.json));
  }
  try {
    const run = await loadTryRun(resolveDataDir(), runId);
    const result = predictRun(tf, run, request);
    const label = request.input.kind === 'sample' ? `sample ${request.input.index}` : 'the text';
    if (options.json) console.log(JSON.stringify(resultJson(result)));
    else for (const line of resultLines(result, label)) console.log(line);
    return 0;
  } catch (err) {
    if (err instanceof TryInputError) throw new CliError(err.message, 2);
    throw err;
  }
}
