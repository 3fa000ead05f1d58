// Varying how many times a repeated block is chained ('blocks.<blockId>.times') in an experiment.
import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../graph/defaults';
import type { GraphFile } from '../graph/types';
import { recordBlock, repeatBlock, repeatedBlocks } from '../graph/repeat';
import { inferGraph } from '../infer';
import { expandTrials, validateDefinition } from './expand';
import { getPathValue, pathLabel, variablePaths } from './paths';
import type { ExperimentDefinition } from './types';

/** Input [16] -> (Dense 16 -> Add residual) ×2 -> Dense 4 -> Output. */
function residual(): GraphFile {
  const g = emptyGraph('res');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [16] }, position: { x: 0, y: 0 } },
    { id: 'dense_1', kind: 'Dense', params: { units: 16 }, position: { x: 200, y: 0 } },
    { id: 'add_1', kind: 'Add', params: {}, position: { x: 400, y: 0 } },
    { id: 'head_1', kind: 'Dense', params: { units: 4 }, position: { x: 600, y: 0 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 800, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
    { id: 'b', source: 'input_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
    { id: 'c', source: 'dense_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
    { id: 'd', source: 'add_1', sourceHandle: 'out', target: 'head_1', targetHandle: 'in' },
    { id: 'e', source: 'head_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  const r = repeatBlock(g, { nodeIds: ['dense_1', 'add_1'], times: 2 });
  return recordBlock(r.graph, r.repeats, 'Residual');
}

const def = (over: Partial<ExperimentDefinition> = {}): ExperimentDefinition => ({
  params: [
    { path: 'blocks.block_1.times', values: [1, 3] },
    { path: 'training.learningRate', values: [0.001, 0.01] },
  ],
  mode: 'grid',
  budget: { epochsPerTrial: 1, maxTrials: 10 },
  seed: 1,
  ...over,
});

describe('varying the repeat count of a block', () => {
  it('expands a 2x2 grid (repeats [1, 3] x lr) into 4 graphs with the right nodes and wiring', () => {
    const g = residual();
    const trials = expandTrials(def(), g);
    expect(trials).toHaveLength(4);
    const summary = trials.map((t) => [repeatedBlocks(t.graph)[0].repeats.length, t.graph.nodes.length, t.graph.training.learningRate]);
    // 3 fixed nodes (Input, head, Output) + 2 per repeat.
    expect(summary).toEqual([
      [1, 5, 0.001],
      [1, 5, 0.01],
      [3, 9, 0.001],
      [3, 9, 0.01],
    ]);
    for (const t of trials) {
      const inf = inferGraph(t.graph);
      expect(inf.errors).toEqual([]);
      const repeats = repeatedBlocks(t.graph)[0].repeats.length;
      expect(inf.totalParams).toBe(repeats * (16 * 16 + 16) + 16 * 4 + 4);
      expect(getPathValue(t.graph, 'blocks.block_1.times')).toBe(repeats);
    }
    expect(trials[2].graph.name).toBe('res · times=3, learningRate=0.001');
    // The base graph is untouched.
    expect(g.nodes).toHaveLength(7);
  });

  it('takes a range of counts and offers the block in the list of variable paths', () => {
    const g = residual();
    const trials = expandTrials(def({ params: [{ path: 'blocks.block_1.times', range: { min: 1, max: 4, count: 4, scale: 'linear' } }] }), g);
    expect(trials.map((t) => t.graph.nodes.length)).toEqual([5, 7, 9, 11]);
    expect(variablePaths(g)).toContainEqual({ path: 'blocks.block_1.times', label: 'repeats of Residual' });
    expect(pathLabel(g, 'blocks.block_1.times')).toBe('repeats of Residual');
  });

  it('applies node values before the count, so added repeats copy the varied last repeat', () => {
    const g = residual();
    const last = repeatedBlocks(g)[0].repeats[1][0];
    const params = [{ path: 'blocks.block_1.times', values: [3] }, { path: `nodes.${last}.params.activation`, values: ['tanh'] }];
    const [trial] = expandTrials(def({ params }), g);
    const added = repeatedBlocks(trial.graph)[0].repeats[2][0];
    expect(trial.graph.nodes.find((n) => n.id === added)!.params.activation).toBe('tanh');
    expect(inferGraph(trial.graph).errors).toEqual([]);
  });

  it('refuses counts outside 1..64, fractions and unknown blocks with a message naming them', () => {
    const g = residual();
    const with1 = (values: number[], path = 'blocks.block_1.times') => def({ params: [{ path, values }] });
    expect(() => validateDefinition(with1([0, 2]), g)).toThrow("Parameter 'blocks.block_1.times': value 0 is refused, repeats of Residual must be a whole number from 1 to 64, got 0");
    expect(() => validateDefinition(with1([65]), g)).toThrow(/value 65 is refused/);
    expect(() => validateDefinition(with1([2.5]), g)).toThrow(/value 2.5 is refused/);
    expect(() => validateDefinition(with1([2], 'blocks.block_7.times'), g)).toThrow("Parameter 'blocks.block_7.times': there is no repeated block 'block_7' in the graph (blocks: 'block_1')");
    expect(() => validateDefinition(with1([2], 'blocks.block_1.count'), g)).toThrow(/is not a parameter path/);
  });
});
