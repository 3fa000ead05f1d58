import { describe, expect, it } from 'vitest';
import { mlpMnist } from '../templates/mlp-mnist';
import { expandTrials, rangeValues, validateDefinition } from './expand';
import { applyValues, getPathValue } from './paths';
import { bestTrialIndex, sortTrials } from './results';
import type { ExperimentDefinition, TrialRecord } from './types';

const base = (over: Partial<ExperimentDefinition> = {}): ExperimentDefinition => ({
  params: [
    { path: 'training.learningRate', values: [0.001, 0.01, 0.1] },
    { path: 'training.batchSize', values: [32, 64] },
  ],
  mode: 'grid',
  budget: { epochsPerTrial: 1, maxTrials: 10 },
  seed: 1,
  ...over,
});

describe('expandTrials', () => {
  it('turns a 3x2 grid into 6 graph variants with the values written in', () => {
    const trials = expandTrials(base(), mlpMnist);
    expect(trials).toHaveLength(6);
    const pairs = trials.map((t) => [t.graph.training.learningRate, t.graph.training.batchSize]);
    expect(pairs).toEqual([
      [0.001, 32],
      [0.001, 64],
      [0.01, 32],
      [0.01, 64],
      [0.1, 32],
      [0.1, 64],
    ]);
    for (const t of trials) {
      expect(t.graph.training.epochs).toBe(1);
      expect(t.graph.extras?.experimentTrial).toEqual({ index: t.index, values: t.values });
    }
    // The input graph is untouched.
    expect(mlpMnist.training.learningRate).toBe(0.001);
    expect(mlpMnist.training.epochs).not.toBe(1);
    expect(trials[5].graph.name).toBe('MLP on MNIST · learningRate=0.1, batchSize=64');
  });

  it('spreads log ranges evenly in powers of ten and varies node units', () => {
    expect(rangeValues({ min: 0.0001, max: 0.1, count: 4, scale: 'log' })).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(rangeValues({ min: 16, max: 64, count: 3, scale: 'linear' })).toEqual([16, 40, 64]);
    const trials = expandTrials(
      base({ params: [{ path: 'nodes.dense_1.params.units', range: { min: 8, max: 128, count: 5, scale: 'log' } }] }),
      mlpMnist,
    );
    expect(trials.map((t) => getPathValue(t.graph, 'nodes.dense_1.params.units'))).toEqual([8, 16, 32, 64, 128]);
    expect(getPathValue(trials[0].graph, 'nodes.dense_2.params.units')).toBe(512);
  });

  it('samples random trials reproducibly inside the range', () => {
    const def = base({ mode: 'random', params: [{ path: 'training.learningRate', range: { min: 0.0001, max: 0.1, count: 1, scale: 'log' } }], budget: { epochsPerTrial: 1, maxTrials: 8 }, seed: 7 });
    const a = expandTrials(def, mlpMnist).map((t) => t.values['training.learningRate'] as number);
    const b = expandTrials(def, mlpMnist).map((t) => t.values['training.learningRate'] as number);
    expect(a).toHaveLength(8);
    expect(a).toEqual(b);
    expect(a.every((v) => v >= 0.0001 && v <= 0.1)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(4);
    const c = expandTrials({ ...def, seed: 8 }, mlpMnist).map((t) => t.values['training.learningRate']);
    expect(c).not.toEqual(a);
  });

  it('refuses bad values with a message naming the parameter and the value', () => {
    const refuse = (over: Partial<ExperimentDefinition>) => () => validateDefinition(base(over), mlpMnist);
    expect(refuse({ params: [{ path: 'training.learningRate', values: [0.01, -0.1] }] })).toThrow(
      "Parameter 'training.learningRate': value -0.1 is refused, learning rate must be a positive number",
    );
    expect(refuse({ params: [{ path: 'training.batchSize', values: [0, 32] }] })).toThrow(
      "Parameter 'training.batchSize': value 0 is refused, batch size must be a whole number >= 1",
    );
    expect(refuse({ params: [{ path: 'training.batchSize', values: [] }] })).toThrow("Parameter 'training.batchSize': the list of values is empty");
    expect(refuse({ params: [{ path: 'training.optimizer', values: ['adam', 'sgdd'] }] })).toThrow(/value "sgdd" is refused, optimizer must be one of sgd/);
    expect(refuse({ params: [{ path: 'nodes.nope.params.units', values: [1] }] })).toThrow("there is no node 'nope'");
    expect(refuse({ params: [{ path: 'training.learningRate', range: { min: 0, max: 0.1, count: 3, scale: 'log' } }] })).toThrow('a log scale needs min > 0');
    expect(refuse({ budget: { epochsPerTrial: 1, maxTrials: 5 } })).toThrow('The grid has 6 trials, more than the budget of 5');
    expect(refuse({ budget: { epochsPerTrial: 0, maxTrials: 10 } })).toThrow('epochs per trial must be a whole number >= 1');
    expect(refuse({ params: [] })).toThrow('Vary 1 to 3 parameters');
  });
});

describe('results', () => {
  const trial = (index: number, lr: number, final: TrialRecord['final'], status: TrialRecord['status'] = 'completed'): TrialRecord => ({
    index,
    values: { 'training.learningRate': lr },
    status,
    final,
  });
  const trials = [trial(0, 0.1, { loss: 0.5, val_loss: 0.9 }), trial(1, 0.01, { loss: 0.6, val_loss: 0.4 }), trial(2, 0.001, null, 'failed'), trial(3, 0.5, { loss: 0.1, val_loss: 0.45 })];

  it('marks the lowest final validation loss as best, ignoring failed trials', () => {
    expect(bestTrialIndex(trials)).toBe(1);
    expect(bestTrialIndex([trial(0, 1, { loss: 0.3 }), trial(1, 2, { loss: 0.2 })])).toBe(1);
    expect(bestTrialIndex([trial(0, 1, null, 'failed')])).toBeNull();
  });

  it('sorts by a metric or a varied value with missing values last', () => {
    expect(sortTrials(trials, { column: 'val_loss', descending: false }).map((t) => t.index)).toEqual([1, 3, 0, 2]);
    expect(sortTrials(trials, { column: 'val_loss', descending: true }).map((t) => t.index)).toEqual([0, 3, 1, 2]);
    expect(sortTrials(trials, { column: 'training.learningRate', descending: false }).map((t) => t.index)).toEqual([2, 1, 0, 3]);
  });

  it('applies a trial\'s values to a graph', () => {
    const g = applyValues(mlpMnist, { 'training.learningRate': 0.05, 'nodes.dense_2.params.units': 64 });
    expect(g.training.learningRate).toBe(0.05);
    expect(g.nodes.find((n) => n.id === 'dense_2')!.params.units).toBe(64);
    expect(mlpMnist.nodes.find((n) => n.id === 'dense_2')!.params.units).toBe(512);
  });
});
