// Property-based fuzzing (fast-check) of the model.json importer: random JSON, and valid model.json files
// (a Keras Functional config, a Sequential one, a tfjs Layers model.json) with a field replaced, removed or the
// text cut short, must give a graph that the graph-file validator accepts or an ImportError with a one-line
// message, never another exception (a TypeError with a stack trace) or a hang.
// Fixed seed and run counts, so a failure reproduces and the suite's length is known.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGraphFile, serializeGraph } from '../../shared/graph/validate';
import { importModelJson, ImportError } from './model-json';

const SEED = 1515;
/** Per input: far above what the importer needs for these sizes, so only a hang reaches it. */
const TIME_BOUND_MS = 10_000;
const params = (numRuns: number) => ({ seed: SEED, numRuns, timeout: TIME_BOUND_MS, endOnFailure: true });

const keras = JSON.parse(readFileSync(path.join(__dirname, 'testdata', 'toy-resnet.keras.json'), 'utf8')) as unknown;
const sequential = {
  class_name: 'Sequential',
  config: { layers: [
    { class_name: 'Dense', config: { name: 'd1', units: 4, activation: 'relu', batch_input_shape: [null, 3] } },
    { class_name: 'Dropout', config: { name: 'drop', rate: 0.1 } },
    { class_name: 'Dense', config: { name: 'd2', units: 2, activation: 'softmax' } },
  ] },
};
const tfjs = {
  modelTopology: { class_name: 'Model', config: {
    name: 'm',
    layers: [
      { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 5, 2], name: 'in' }, inbound_nodes: [] },
      { class_name: 'LSTM', name: 'lstm', config: { units: 3, return_sequences: false, name: 'lstm' }, inbound_nodes: [[['in', 0, 0, {}]]] },
      { class_name: 'Dense', name: 'out', config: { units: 1, name: 'out' }, inbound_nodes: [[['lstm', 0, 0, {}]]] },
    ],
    input_layers: [['in', 0, 0]],
    output_layers: [['out', 0, 0]],
  } },
  weightsManifest: [],
};
const VALID = [keras, sequential, tfjs];

/** Imports `text`; passes on a graph the file validator accepts, or on an ImportError with a clear one-line message. */
function clearOutcome(text: string): void {
  let graph;
  try {
    graph = importModelJson(text);
  } catch (err) {
    if (!(err instanceof ImportError)) throw new Error(`not an ImportError but ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}\nfor ${text.slice(0, 500)}`);
    expect(err.message).not.toMatch(/\n/);
    expect(err.message.length).toBeLessThan(1000);
    return;
  }
  parseGraphFile(serializeGraph(graph));
}

/** Every path (object keys and list indexes) in a JSON value, the root excluded. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v && typeof v === 'object' ? Object.entries(v) : [];
  for (const [key, x] of entries) {
    out.push([...at, key]);
    pathsOf(x, [...at, key], out);
  }
  return out;
}

/** A copy of `v` with the value at `where` replaced (or removed when `value` is undefined). */
function replaced(v: unknown, where: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = where[where.length - 1];
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

const replacement = fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('x', 0, -1, 1e308, null, [], {}, [['x', 0, 0]])), { nil: undefined });

describe('fuzz: importModelJson', () => {
  it('the valid files import (so the mutations below start from a graph)', () => {
    for (const v of VALID) expect(() => parseGraphFile(serializeGraph(importModelJson(JSON.stringify(v))))).not.toThrow();
  });

  it('random JSON gives a graph or an ImportError', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => clearOutcome(JSON.stringify(v) ?? 'null')), params(300));
  });

  it('valid model.json files with fields replaced or removed give a graph or an ImportError', () => {
    const mutated = fc
      .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }))
      .map(([i, edits]) => {
        let v = VALID[i % VALID.length];
        for (const [at, value] of edits) {
          const paths = pathsOf(v);
          if (paths.length) v = replaced(v, paths[at % paths.length], value);
        }
        return v;
      });
    fc.assert(fc.property(mutated, (v) => clearOutcome(JSON.stringify(v))), params(1500));
  });

  it('valid model.json text cut short or with characters changed gives a graph or an ImportError', () => {
    const texts = VALID.map((v) => JSON.stringify(v));
    const mutated = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 3 }), fc.boolean()).map(([i, at, insert, cut]) => {
      const text = texts[i % texts.length];
      const p = at % text.length;
      return cut ? text.slice(0, p) : text.slice(0, p) + insert + text.slice(p + 1);
    });
    fc.assert(fc.property(mutated, clearOutcome), params(500));
  });
});
