// Graph files past the limits are refused with a message saying which limit and where, before anything recursive
// touches them (a 100,000-deep file used to end in "Maximum call stack size exceeded" in the CLI).
import { describe, expect, it } from 'vitest';
import { GraphFileError, parseGraphFile, serializeGraph } from './validate';
import { jsonTextDepthProblem, MAX_GRAPH_FILE_CHARS, nonFiniteNumberPath, valueDepthProblem } from './limits';
import { getTemplate } from '../templates';

const mlp = () => structuredClone(getTemplate('mlp-mnist')!.graph);

function refusal(text: string): string {
  try {
    parseGraphFile(text);
  } catch (err) {
    if (err instanceof GraphFileError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('graph file limits', () => {
  it('a file nested 100,000 deep is refused, saying where', () => {
    const text = serializeGraph(mlp()).replace(/\n}\n$/, `,\n  "extras": {"deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n}\n`);
    expect(refusal(text)).toMatch(/^this file is too deeply nested for a LayerLab graph: it nests arrays and objects more than 100 levels deep \(at line \d+, column \d+\)$/);
    expect(refusal('['.repeat(100_000))).toBe('this file is too deeply nested for a LayerLab graph: it nests arrays and objects more than 100 levels deep (at line 1, column 101)');
  });

  it('brackets inside strings do not count, escaped quotes do not end a string', () => {
    expect(jsonTextDepthProblem(JSON.stringify({ a: '[[[[{{{{"\\', b: [[1]] }), 3)).toBeNull();
    expect(jsonTextDepthProblem(JSON.stringify({ a: 'x', b: [[[1]]] }), 3)).toMatch(/more than 3 levels deep \(at line 1, column 16\)/);
    expect(valueDepthProblem({ a: [[1]] }, 3)).toBeNull();
    expect(valueDepthProblem({ a: [[[1]]] }, 3)).toMatch(/more than 3 levels/);
  });

  it('the templates are far inside the limits', () => {
    const text = serializeGraph(mlp());
    expect(jsonTextDepthProblem(text, 10)).toBeNull();
    expect(text.length).toBeLessThan(MAX_GRAPH_FILE_CHARS / 100);
  });

  it('a file above the size limit is refused before it is parsed', () => {
    const text = serializeGraph({ ...mlp(), description: 'x'.repeat(MAX_GRAPH_FILE_CHARS) });
    expect(refusal(text)).toMatch(/^this file is too large for a LayerLab graph: it is 52,43\d,\d{3} characters \(50\.0 MB\), more than the 50\.0 MB a graph file may have$/);
  });

  it('"units": 1e999 is called not a finite number, with its path', () => {
    const text = serializeGraph(mlp()).replace('"units": 1024', '"units": 1e999');
    expect(refusal(text)).toBe('nodes[1].params.units: must be a number, got Infinity, which is not a finite number');
    expect(refusal(serializeGraph(mlp()).replace('"learningRate": 0.001', '"learningRate": -1e400'))).toBe(
      'training.learningRate: must be a number, got -Infinity, which is not a finite number',
    );
    expect(nonFiniteNumberPath(JSON.parse('{"nodes": [{}, {"params": {"units": 1e999}}]}'))).toEqual({ path: 'nodes[1].params.units', value: Infinity });
  });
});
