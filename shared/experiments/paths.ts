// Reading and writing the value a parameter path points at in a graph, with validation that names the
// path and the bad value. Pure: returns new graphs, never mutates the input.
import type { GraphFile, LossName, OptimizerName } from '../graph/types';
import { getLayerDef } from '../layers';
import type { TrialValue } from './types';
import { repeatedBlocks, blockName } from '../graph/repeat';
import { repeatCountProblem, setRepeatCount } from '../graph/block-count';
import { withCountLabel } from '../graph/count-label';

const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'adamax', 'rmsprop', 'adagrad', 'adadelta'];
const LOSSES: readonly LossName[] = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
];

/** What a path accepts; `check` returns null when the value is fine, else what is wrong with it. */
interface PathRule {
  label: string;
  kind: 'number' | 'int' | 'choice' | 'bool';
  choices?: readonly string[];
  check(value: TrialValue): string | null;
}

const positive = (v: TrialValue) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'must be a positive number');
const positiveInt = (v: TrialValue) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : 'must be a whole number >= 1');
const between = (lo: number, hi: number) => (v: TrialValue) =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? null : `must be a number from ${lo} to ${hi}`;
const oneOf = (choices: readonly string[]) => (v: TrialValue) => (typeof v === 'string' && choices.includes(v) ? null : `must be one of ${choices.join(', ')}`);

const TRAINING_RULES: Record<string, PathRule> = {
  learningRate: { label: 'learning rate', kind: 'number', check: positive },
  batchSize: { label: 'batch size', kind: 'int', check: positiveInt },
  epochs: { label: 'epochs', kind: 'int', check: positiveInt },
  optimizer: { label: 'optimizer', kind: 'choice', choices: OPTIMIZERS, check: oneOf(OPTIMIZERS) },
  loss: { label: 'loss', kind: 'choice', choices: LOSSES, check: oneOf(LOSSES) },
  momentum: { label: 'momentum', kind: 'number', check: between(0, 1) },
  weightDecay: { label: 'weight decay', kind: 'number', check: between(0, 1) },
};
const DATASET_RULES: Record<string, PathRule> = {
  validationSplit: { label: 'validation split', kind: 'number', check: between(0, 0.5) },
};

function nodeRule(graph: GraphFile, nodeId: string, param: string): PathRule | string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return `there is no node '${nodeId}' in the graph`;
  const def = getLayerDef(node.kind);
  const spec = def?.params[param as keyof typeof def.params];
  if (!def || !spec) return `${node.kind} node '${nodeId}' has no parameter '${param}'`;
  const label = `${node.label ?? nodeId} ${spec.label.toLowerCase()}`;
  switch (spec.type) {
    case 'int':
    case 'float': {
      const lo = spec.min ?? (spec.type === 'int' ? 1 : -Infinity);
      const hi = spec.max ?? Infinity;
      const isInt = spec.type === 'int';
      return {
        label,
        kind: isInt ? 'int' : 'number',
        check: (v) =>
          typeof v !== 'number' || !Number.isFinite(v) || (isInt && !Number.isInteger(v))
            ? `must be a ${isInt ? 'whole number' : 'number'}`
            : v < lo || v > hi
              ? `must be between ${lo} and ${hi}`
              : null,
      };
    }
    case 'enum':
      return { label, kind: 'choice', choices: spec.options, check: oneOf(spec.options) };
    case 'bool':
      return { label, kind: 'bool', check: (v) => (typeof v === 'boolean' ? null : 'must be true or false') };
    default:
      return `${node.kind} parameter '${param}' (${spec.type}) cannot be varied`;
  }
}

/** 'blocks.<blockId>.times': how many times a recorded repeated block is chained (1 to 64). */
function blockRule(graph: GraphFile, blockId: string): PathRule | string {
  const block = repeatedBlocks(graph).find((b) => b.id === blockId);
  if (!block) {
    const known = repeatedBlocks(graph).map((b) => `'${b.id}'`);
    return `there is no repeated block '${blockId}' in the graph${known.length ? ` (blocks: ${known.join(', ')})` : ''}`;
  }
  return { label: `repeats of ${blockName(block)}`, kind: 'int', check: repeatCountProblem };
}

/** The rule for a path, or a message saying why the path is not something that can be varied. */
export function ruleFor(graph: GraphFile, path: string): PathRule | string {
  const parts = path.split('.');
  if (parts[0] === 'training' && parts.length === 2) return TRAINING_RULES[parts[1]] ?? `'${path}' is not a training setting that can be varied`;
  if (parts[0] === 'dataset' && parts.length === 2) return DATASET_RULES[parts[1]] ?? `'${path}' is not a dataset setting that can be varied`;
  if (parts[0] === 'nodes' && parts.length === 4 && parts[2] === 'params') return nodeRule(graph, parts[1], parts[3]);
  if (parts[0] === 'blocks' && parts.length === 3 && parts[2] === 'times') return blockRule(graph, parts[1]);
  return `'${path}' is not a parameter path (use training.<setting>, nodes.<nodeId>.params.<param> or blocks.<blockId>.times)`;
}

/** Short name for tables and legends: 'learning rate', 'dense1 units'. */
export function pathLabel(graph: GraphFile, path: string): string {
  const rule = ruleFor(graph, path);
  return typeof rule === 'string' ? path : rule.label;
}

/** The value at a path in a graph (node params fall back to the layer default). */
export function getPathValue(graph: GraphFile, path: string): TrialValue | undefined {
  const parts = path.split('.');
  if (parts[0] === 'training') return (graph.training as unknown as Record<string, TrialValue>)[parts[1]];
  if (parts[0] === 'dataset') return (graph.dataset as unknown as Record<string, TrialValue>)[parts[1]];
  if (parts[0] === 'nodes') {
    const node = graph.nodes.find((n) => n.id === parts[1]);
    if (!node) return undefined;
    const v = node.params[parts[3]];
    if (v !== undefined) return Array.isArray(v) ? undefined : v;
    const spec = getLayerDef(node.kind)?.params[parts[3]];
    return spec && !Array.isArray(spec.default) ? (spec.default as TrialValue) : undefined;
  }
  if (parts[0] === 'blocks') return repeatedBlocks(graph).find((b) => b.id === parts[1])?.repeats.length;
  return undefined;
}

/** A copy of the graph with the value written at the path (the path must be valid, see ruleFor). */
export function setPathValue(graph: GraphFile, path: string, value: TrialValue): GraphFile {
  const parts = path.split('.');
  if (parts[0] === 'training') return { ...graph, training: { ...graph.training, [parts[1]]: value } };
  if (parts[0] === 'dataset') return { ...graph, dataset: { ...graph.dataset, [parts[1]]: value } };
  if (parts[0] === 'nodes') {
    // withCountLabel: "48 x decoder block" follows a block count a trial sets.
    return { ...graph, nodes: graph.nodes.map((n) => (n.id === parts[1] ? withCountLabel({ ...n, params: { ...n.params, [parts[3]]: value } }) : n)) };
  }
  if (parts[0] === 'blocks') return setRepeatCount(graph, parts[1], value as number);
  throw new Error(`Cannot set '${path}'`);
}

/** Block counts go last: node values land on the existing repeats first, then added repeats copy the last one. */
const blockPathsLast = (a: string, b: string) => Number(a.startsWith('blocks.')) - Number(b.startsWith('blocks.'));

/** Writes every path -> value of a trial into the graph ("apply best"). */
export function applyValues(graph: GraphFile, values: Record<string, TrialValue>): GraphFile {
  return Object.entries(values)
    .sort(([a], [b]) => blockPathsLast(a, b))
    .reduce((g, [path, v]) => setPathValue(g, path, v), graph);
}

/** The paths a user can pick from for this graph: training settings, numeric/choice params of every layer node, and repeat counts of blocks. */
export function variablePaths(graph: GraphFile): { path: string; label: string }[] {
  const out = ['learningRate', 'batchSize', 'optimizer', 'momentum', 'loss', 'epochs'].map((k) => ({ path: `training.${k}`, label: TRAINING_RULES[k].label }));
  for (const node of graph.nodes) {
    const def = getLayerDef(node.kind);
    if (!def || node.kind === 'Input' || node.kind === 'Output') continue;
    for (const [key, spec] of Object.entries(def.params) as [string, { type: string; label: string }][]) {
      if (spec.type === 'int' || spec.type === 'float' || spec.type === 'enum') {
        out.push({ path: `nodes.${node.id}.params.${key}`, label: `${node.label ?? node.id} ${spec.label.toLowerCase()}` });
      }
    }
  }
  for (const block of repeatedBlocks(graph)) out.push({ path: `blocks.${block.id}.times`, label: `repeats of ${blockName(block)}` });
  return out;
}
