// `layerlab train FILE`: trains headless in a worker process (as the app does), shows a progress bar on
// stderr and stores the run in the run store (LAYERLAB_HOME or ~/.layerlab) so `export --run` can use it.
import type { BackendChoice, EngineName, GraphFile, TorchDevice } from '../../shared/graph/types';
import { COMMAND_LOG_PREFIX, MAX_NODES, MAX_PROCS_PER_NODE, rendezvousProblem } from '../../shared/engines/pytorch-command';
import type { EvaluationResult, TrainEvent } from '../../shared/api';
import { ApiError } from '../../shared/api';
import { TrainingService } from '../training/service';
import { forkWorkerFactory } from '../web/fork-worker';
import { resolveDataDir } from '../files/data-dir';
import { CliError, parseArgs, type CliCommand } from './args';
import { loadGraphArg } from './inspect';
import { i18n } from '../../shared/i18n/i18n';

const BACKENDS: BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];
const ENGINES: EngineName[] = ['tfjs', 'pytorch'];
const DEVICES: TorchDevice[] = ['auto', 'cpu', 'cuda'];
/** The choices the help lists, in every language. */
export const TRAIN_HELP_VALUES = { backends: BACKENDS.join(' | '), engines: ENGINES.join(' | '), devices: DEVICES.join(' | ') };

export const TRAIN_OPTIONS = {
  template: { type: 'string' },
  epochs: { type: 'int' },
  'batch-size': { type: 'int' },
  lr: { type: 'number' },
  backend: { type: 'string' },
  engine: { type: 'string' },
  device: { type: 'string' },
  'procs-per-node': { type: 'int' },
  nodes: { type: 'int' },
  rendezvous: { type: 'string' },
  limit: { type: 'int' },
  quiet: { type: 'flag' },
} as const;

/** The graph with the command-line overrides applied, each checked. */
export function applyTrainOverrides(graph: GraphFile, options: Record<string, string | number | boolean>): GraphFile {
  const g: GraphFile = structuredClone(graph);
  const positiveInt = (name: string) => {
    const v = options[name] as number;
    if (v < 1) throw new CliError(`--${name} must be at least 1, got ${v}`);
    return v;
  };
  if (options.epochs !== undefined) g.training.epochs = positiveInt('epochs');
  if (options['batch-size'] !== undefined) g.training.batchSize = positiveInt('batch-size');
  if (options.limit !== undefined) g.dataset.limit = positiveInt('limit');
  if (options.lr !== undefined) {
    const lr = options.lr as number;
    if (!(lr > 0)) throw new CliError(`--lr must be a positive number, got ${lr}`);
    g.training.learningRate = lr;
  }
  if (options.backend !== undefined) {
    const b = options.backend as BackendChoice;
    if (!BACKENDS.includes(b)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}, got '${String(options.backend)}'`);
    g.training.backend = b;
  }
  const oneOf = <T extends string>(name: string, allowed: T[]): T => {
    const v = options[name] as T;
    if (!allowed.includes(v)) throw new CliError(`--${name} must be one of ${allowed.join(', ')}, got '${String(v)}'`);
    return v;
  };
  if (options.engine !== undefined) {
    const engine = oneOf('engine', ENGINES);
    g.training.engine = engine === 'tfjs' ? undefined : engine;
  }
  const torch = { ...g.training.pytorch };
  if (options.device !== undefined) torch.device = oneOf('device', DEVICES);
  const atMost = (name: string, max: number) => {
    const v = positiveInt(name);
    if (v > max) throw new CliError(`--${name} must be at most ${max}, got ${v}`);
    return v;
  };
  if (options['procs-per-node'] !== undefined) torch.procsPerNode = atMost('procs-per-node', MAX_PROCS_PER_NODE);
  if (options.nodes !== undefined) torch.nodes = atMost('nodes', MAX_NODES);
  if (options.rendezvous !== undefined) {
    const problem = rendezvousProblem(String(options.rendezvous));
    if (problem) throw new CliError(`--rendezvous ${problem}`);
    torch.rendezvous = String(options.rendezvous);
  }
  if (Object.keys(torch).length) g.training.pytorch = torch;
  return g;
}

function bar(fraction: number, width = 28): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

const fmt = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4));

/** "test set (2,000 samples): loss 0.1234, accuracy 96.10%" (regression: MAE and RMSE instead of accuracy). */
export function evaluationLine(e: EvaluationResult): string {
  const parts = [`loss ${fmt(e.loss)}`];
  if (e.accuracy !== undefined) parts.push(`accuracy ${(e.accuracy * 100).toFixed(2)}%`);
  if (e.regression) parts.push(`MAE ${fmt(e.regression.mae)}`, `RMSE ${fmt(e.regression.rmse)}`);
  return `${e.split} set (${e.samples.toLocaleString('en-US')} samples): ${parts.join(', ')}`;
}

/** Trains `graph` to the end; resolves with the run id and its final status. */
export async function trainHeadless(
  graph: GraphFile,
  opts: { dataDir?: string; quiet?: boolean; out?: NodeJS.WritableStream } = {},
): Promise<{ runId: string; status: 'completed' | 'stopped' | 'failed'; error?: string }> {
  const out = opts.out ?? process.stderr;
  const service = new TrainingService({ dataDir: opts.dataDir ?? resolveDataDir(), spawnWorker: forkWorkerFactory() });
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  let lastDraw = 0;
  let runId = '';
  const finished = new Promise<{ status: 'completed' | 'stopped' | 'failed'; error?: string }>((resolve) => {
    service.onEvent((e: TrainEvent) => {
      if (runId && e.runId !== runId) return;
      const say = (line: string) => !opts.quiet && out.write(`${tty ? '\r\x1b[K' : ''}${line}\n`);
      switch (e.type) {
        case 'started':
          say(e.engine ? `Engine: PyTorch ${e.engine.torch} on ${e.engine.device}${e.engine.processes > 1 ? `, ${e.engine.processes} processes` : ''}` : `Backend: ${e.backend.name}`);
          say(`${e.paramCount.toLocaleString('en-US')} parameters, ${e.trainSamples} training and ${e.valSamples} validation samples, ${e.epochs} epochs of ${e.batchesPerEpoch} batches`);
          break;
        case 'batch': {
          const now = Date.now();
          if (opts.quiet || now - lastDraw < (tty ? 100 : 2000)) break;
          lastDraw = now;
          const text = `${bar(e.progress)} ${(e.progress * 100).toFixed(0).padStart(3)}% epoch ${e.epoch + 1} batch ${e.batch + 1} loss ${fmt(e.metrics.loss)} ${Math.round(e.samplesPerSec)} samples/s eta ${Math.round(e.etaSec)}s`;
          out.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
          break;
        }
        case 'epoch':
          say(`epoch ${e.epoch + 1}: loss ${fmt(e.metrics.loss)} acc ${fmt(e.metrics.acc)} val_loss ${fmt(e.metrics.val_loss)} val_acc ${fmt(e.metrics.val_acc)} (${(e.durationMs / 1000).toFixed(1)} s)`);
          break;
        case 'log':
          if (e.level !== 'info') say(`[${e.level}] ${e.message}`);
          else if (e.message.startsWith(COMMAND_LOG_PREFIX)) say(e.message);
          break;
        case 'evaluation':
          say(evaluationLine(e.evaluation));
          break;
        case 'done':
          say(`${e.status} in ${(e.durationMs / 1000).toFixed(1)} s`);
          resolve({ status: e.status });
          break;
        case 'failed':
          resolve({ status: 'failed', error: e.hint ? `${e.error}${e.hint.includes('\n') ? '\n' : ' '}${e.hint}` : e.error });
          break;
      }
    });
  });
  try {
    runId = (await service.start(graph)).runId;
  } catch (err) {
    // A graph or setting the service refuses is bad input (2); a host that cannot store the run failed (1).
    if (err instanceof ApiError) throw new CliError(err.message, err.code === 'internal' ? 1 : 2);
    throw err;
  }
  const onSignal = () => void service.stop(runId);
  process.once('SIGINT', onSignal);
  try {
    const result = await finished;
    await service.dispose(); // waits for the worker to exit and the record to be saved
    return { runId, ...result };
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export const trainCommand: CliCommand = {
  helpValues: TRAIN_HELP_VALUES,
  name: 'train',
  usage: 'train FILE [--epochs N --batch-size N --lr X --backend B --engine tfjs|pytorch]',
  summary: 'train headless with a progress bar and store the run',
  help: i18n.t('cli:help.train', { lng: 'en', ...TRAIN_HELP_VALUES }),
  async run(args) {
    const { positionals, options } = parseArgs(args, TRAIN_OPTIONS);
    if (positionals.length > 1) throw new CliError(`train takes one file, got ${positionals.length}`);
    const graph = applyTrainOverrides(await loadGraphArg(positionals[0], options.template as string | undefined), options);
    const result = await trainHeadless(graph, { quiet: options.quiet === true });
    if (result.status === 'failed') {
      console.error(`layerlab train: run ${result.runId} failed: ${result.error ?? 'unknown error'}`);
      console.log(result.runId);
      return 1;
    }
    console.log(result.runId);
    return 0;
  },
};
