// ExperimentDefinition + graph -> one graph per trial. Pure and deterministic (random mode uses the
// definition's seed). Every problem is reported with the parameter it concerns, before anything runs.
import type { GraphFile } from '../graph/types';
import { ruleFor, applyValues } from './paths';
import { mulberry32 } from '../data/random';
import {
  EXPERIMENT_EXTRAS_KEY,
  TRIAL_EXTRAS_KEY,
  type ExperimentDefinition,
  type ExperimentParam,
  type TrialSpec,
  type TrialValue,
  type ValueRange,
} from './types';

export class ExperimentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentError';
  }
}

export const MAX_PARAMS = 3;
export const MAX_TRIALS = 200;

/** `count` values spread over [min, max], evenly (linear) or evenly in log10 (log). */
export function rangeValues(r: ValueRange): number[] {
  if (r.count === 1) return [r.min];
  const out: number[] = [];
  for (let i = 0; i < r.count; i++) {
    const t = i / (r.count - 1);
    const v = r.scale === 'log' ? 10 ** (Math.log10(r.min) + t * (Math.log10(r.max) - Math.log10(r.min))) : r.min + t * (r.max - r.min);
    out.push(Number(v.toPrecision(6)));
  }
  return out;
}

/** Small seeded PRNG (mulberry32): same seed, same trials. */
export const seededRandom = mulberry32;

function checkRange(path: string, r: ValueRange): void {
  const where = `Parameter '${path}' range`;
  if (![r.min, r.max].every((v) => typeof v === 'number' && Number.isFinite(v))) throw new ExperimentError(`${where}: min and max must be numbers`);
  if (r.min > r.max) throw new ExperimentError(`${where}: min ${r.min} is larger than max ${r.max}`);
  if (!Number.isInteger(r.count) || r.count < 1) throw new ExperimentError(`${where}: count must be a whole number >= 1, got ${r.count}`);
  if (r.scale === 'log' && r.min <= 0) throw new ExperimentError(`${where}: a log scale needs min > 0, got ${r.min}`);
  if (r.scale !== 'log' && r.scale !== 'linear') throw new ExperimentError(`${where}: scale must be 'linear' or 'log'`);
}

/** Grid values of one parameter, checked against what the path accepts. */
function gridValues(graph: GraphFile, p: ExperimentParam, isInt: boolean): TrialValue[] {
  if (p.values !== undefined && p.range !== undefined) throw new ExperimentError(`Parameter '${p.path}': give a list of values or a range, not both`);
  if (p.range) {
    checkRange(p.path, p.range);
    const vs = rangeValues(p.range);
    return isInt ? [...new Set(vs.map(Math.round))] : vs;
  }
  if (!Array.isArray(p.values) || p.values.length === 0) throw new ExperimentError(`Parameter '${p.path}': the list of values is empty`);
  return p.values;
}

/** Throws ExperimentError naming the first problem; returns each parameter's grid values. */
export function validateDefinition(def: ExperimentDefinition, graph: GraphFile): TrialValue[][] {
  if (!def || typeof def !== 'object' || !Array.isArray(def.params)) throw new ExperimentError('The experiment has no parameters to vary');
  if (def.params.length < 1 || def.params.length > MAX_PARAMS) {
    throw new ExperimentError(`Vary 1 to ${MAX_PARAMS} parameters; this experiment has ${def.params.length}`);
  }
  const seen = new Set<string>();
  const grids = def.params.map((p) => {
    if (seen.has(p.path)) throw new ExperimentError(`Parameter '${p.path}' is listed twice`);
    seen.add(p.path);
    const rule = ruleFor(graph, p.path);
    if (typeof rule === 'string') throw new ExperimentError(`Parameter '${p.path}': ${rule}`);
    if (p.range && (rule.kind === 'choice' || rule.kind === 'bool')) throw new ExperimentError(`Parameter '${p.path}': ${rule.label} takes a list of values, not a range`);
    const values = gridValues(graph, p, rule.kind === 'int');
    for (const v of values) {
      const problem = rule.check(v);
      if (problem) throw new ExperimentError(`Parameter '${p.path}': value ${JSON.stringify(v)} is refused, ${rule.label} ${problem}`);
    }
    return values;
  });
  const { epochsPerTrial, maxTrials } = def.budget ?? ({} as ExperimentDefinition['budget']);
  if (!Number.isInteger(epochsPerTrial) || epochsPerTrial < 1) throw new ExperimentError(`Budget: epochs per trial must be a whole number >= 1, got ${String(epochsPerTrial)}`);
  if (!Number.isInteger(maxTrials) || maxTrials < 1 || maxTrials > MAX_TRIALS) {
    throw new ExperimentError(`Budget: max trials must be a whole number from 1 to ${MAX_TRIALS}, got ${String(maxTrials)}`);
  }
  if (def.mode !== 'grid' && def.mode !== 'random') throw new ExperimentError(`Mode must be 'grid' or 'random', got ${String(def.mode)}`);
  if (def.mode === 'grid') {
    const size = grids.reduce((n, g) => n * g.length, 1);
    if (size > maxTrials) throw new ExperimentError(`The grid has ${size} trials, more than the budget of ${maxTrials}: raise max trials, use fewer values or random mode`);
  }
  if (def.mode === 'random' && !Number.isFinite(def.seed)) throw new ExperimentError('Random mode needs a numeric seed');
  return grids;
}

function cartesian(lists: TrialValue[][]): TrialValue[][] {
  return lists.reduce<TrialValue[][]>((acc, list) => acc.flatMap((row) => list.map((v) => [...row, v])), [[]]);
}

function randomCombos(def: ExperimentDefinition, graph: GraphFile, grids: TrialValue[][]): TrialValue[][] {
  const rand = seededRandom(def.seed);
  const out: TrialValue[][] = [];
  for (let t = 0; t < def.budget.maxTrials; t++) {
    out.push(
      def.params.map((p, i) => {
        if (!p.range) return grids[i][Math.floor(rand() * grids[i].length)];
        const { min, max, scale } = p.range;
        const u = rand();
        const v = scale === 'log' ? 10 ** (Math.log10(min) + u * (Math.log10(max) - Math.log10(min))) : min + u * (max - min);
        const rule = ruleFor(graph, p.path);
        return typeof rule !== 'string' && rule.kind === 'int' ? Math.round(v) : Number(v.toPrecision(4));
      }),
    );
  }
  return out;
}

function formatValue(v: TrialValue): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v);
}

/** One graph per trial, with the trial's values written in, the budget's epochs and a trial marker. */
export function expandTrials(def: ExperimentDefinition, graph: GraphFile): TrialSpec[] {
  const grids = validateDefinition(def, graph);
  const combos = def.mode === 'grid' ? cartesian(grids) : randomCombos(def, graph, grids);
  const variesEpochs = def.params.some((p) => p.path === 'training.epochs');
  return combos.map((combo, index) => {
    const values: Record<string, TrialValue> = {};
    def.params.forEach((p, i) => (values[p.path] = combo[i]));
    let g: GraphFile = structuredClone(graph);
    if (!variesEpochs) g = { ...g, training: { ...g.training, epochs: def.budget.epochsPerTrial } };
    g = applyValues(g, values);
    const label = def.params.map((p, i) => `${p.path.split('.').pop()}=${formatValue(combo[i])}`).join(', ');
    g.name = `${graph.name} · ${label}`;
    g.extras = { ...g.extras, [TRIAL_EXTRAS_KEY]: { index, values } };
    return { index, values, graph: g };
  });
}

/** The definition stored in the graph file, or null. */
export function experimentOf(graph: GraphFile): ExperimentDefinition | null {
  const def = graph.extras?.[EXPERIMENT_EXTRAS_KEY];
  return def && typeof def === 'object' ? (def as ExperimentDefinition) : null;
}

/** The trial marker of a run's graph snapshot, or null for ordinary runs. */
export function trialOf(graph: GraphFile): { experimentId?: string; index: number; values: Record<string, TrialValue> } | null {
  const t = graph.extras?.[TRIAL_EXTRAS_KEY];
  return t && typeof t === 'object' ? (t as { experimentId?: string; index: number; values: Record<string, TrialValue> }) : null;
}
