import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates';
import { inferGraph } from '../infer';
import { describeMemory, estimateTrainingMemory, formatBytes, memoryVerdict } from './memory';
import { chainGraph } from '../templates/build';

describe('estimateTrainingMemory', () => {
  it('counts weights, gradients and the optimizer from the parameter count', () => {
    const graph = getTemplate('mlp-mnist')!.graph;
    const e = estimateTrainingMemory(inferGraph(graph), { batchSize: 128, optimizer: 'adam' });
    expect(e.parameters).toBe(1_596_426);
    expect(e.weightsBytes).toBe(1_596_426 * 4);
    expect(e.gradientsBytes).toBe(e.weightsBytes);
    expect(e.optimizerBytes).toBe(16 * e.weightsBytes);
    const sgd = estimateTrainingMemory(inferGraph(graph), { batchSize: 128, optimizer: 'sgd' });
    expect(sgd.optimizerBytes).toBe(e.weightsBytes);
    expect(sgd.totalBytes).toBeLessThan(e.totalBytes);
    expect(e.approximate).toBe(false);
  });

  it('grows activations linearly with the batch', () => {
    const inference = inferGraph(getTemplate('mlp-mnist')!.graph);
    const a = estimateTrainingMemory(inference, { batchSize: 32, optimizer: 'adam' });
    const b = estimateTrainingMemory(inference, { batchSize: 64, optimizer: 'adam' });
    expect(b.activationsBytes).toBe(2 * a.activationsBytes);
    expect(b.weightsBytes).toBe(a.weightsBytes);
  });

  it('counts the attention scores a Transformer keeps: more than double for double the length', () => {
    const graph = getTemplate('transformer-encoder-mnist')!.graph;
    const withRows = (rows: number) => ({
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.kind === 'Input' ? { ...n, params: { ...n.params, shape: [rows, 28] } } : n.kind === 'PositionalEncoding' ? { ...n, params: { ...n.params, maxLength: rows } } : n,
      ),
    });
    const encoder = (rows: number) => inferGraph(withRows(rows)).nodes['encoder'].workingElements!;
    expect(encoder(28)).toBeGreaterThan(0);
    expect(encoder(56)).toBeGreaterThan(2 * encoder(28));
    const short = estimateTrainingMemory(inferGraph(withRows(28)), { batchSize: 64, optimizer: 'adam' });
    const long = estimateTrainingMemory(inferGraph(withRows(56)), { batchSize: 64, optimizer: 'adam' });
    expect(long.activationsBytes).toBeGreaterThan(2 * short.activationsBytes);
  });

  it('says a 1e6 x 1e6 Dense cannot fit in 24 GiB', () => {
    const graph = chainGraph({
      name: 'huge',
      description: '',
      steps: [
        { id: 'input', kind: 'Input', params: { feature: 'x', shape: [1_000_000] } },
        { id: 'dense', kind: 'Dense', params: { units: 1_000_000 } },
      ],
    });
    const e = estimateTrainingMemory(inferGraph(graph), { batchSize: 32, optimizer: 'adam' });
    expect(e.parameters).toBe(1_000_001_000_000);
    expect(memoryVerdict(e, 24 * 2 ** 30)).toBe('too-large');
    expect(describeMemory(e, 'adam')).toMatch(/^about 72\.0 TB \(weights 4\.0 TB, gradients 4\.0 TB, adam state and update 64\.0 TB, activations/);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(6_385_704)).toBe('6.4 MB');
    expect(formatBytes(174_604_259_328 * 4)).toBe('698 GB');
  });
});
