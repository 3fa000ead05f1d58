// Recurrent inference: handles that appear with returnState / useInitialState, and errors with fixes.
import { describe, expect, it } from 'vitest';
import { getLayerDef, inputHandles, outputHandles, withDefaults } from '..';
import { ShapeError, type ParamValues, type Shape } from '../types';
import { inferGraph } from '../../infer';
import type { GraphEdge, GraphNode } from '../../graph/types';

function errorOf(kind: string, params: ParamValues, inputs: Shape[][]): ShapeError {
  const def = getLayerDef(kind)!;
  try {
    def.infer(inputs, withDefaults(def, params));
  } catch (err) {
    if (err instanceof ShapeError) return err;
    throw err;
  }
  throw new Error(`${kind} accepted ${JSON.stringify(inputs)}`);
}

describe('recurrent handles', () => {
  it('LSTM with returnState outputs out, h and c; with useInitialState takes optional h0 and c0', () => {
    const def = getLayerDef('LSTM')!;
    expect(outputHandles(def, { returnState: true }).map((h) => [h.id, h.kind])).toEqual([
      ['out', 'tensor'],
      ['h', 'state'],
      ['c', 'state'],
    ]);
    expect(outputHandles(def, { returnSequences: true }).map((h) => [h.id, h.kind])).toEqual([['out', 'sequence']]);
    const ins = inputHandles(def, { useInitialState: true });
    expect(ins.map((h) => [h.id, h.kind, h.optional ?? false])).toEqual([
      ['in', 'sequence', false],
      ['h0', 'state', true],
      ['c0', 'state', true],
    ]);
  });

  it('GRU and SimpleRNN carry only h', () => {
    for (const kind of ['GRU', 'SimpleRNN']) {
      const def = getLayerDef(kind)!;
      expect(outputHandles(def, { returnState: true }).map((h) => h.id)).toEqual(['out', 'h']);
      expect(inputHandles(def, { useInitialState: true }).map((h) => h.id)).toEqual(['in', 'h0']);
    }
  });
});

describe('recurrent input errors', () => {
  it('[784] into an LSTM explains [time, features] and offers Reshape [28, 28] and matrix data', () => {
    const err = errorOf('LSTM', {}, [[[784]]]);
    expect(err.message).toMatch(/LSTM needs a sequence per sample, shaped \[time, features\], but gets \[784\]/);
    const actions = err.fixes.map((f) => f.action);
    expect(actions).toContainEqual({ type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [28, 28] } });
    expect(actions).toContainEqual({ type: 'setDataset', patch: { representation: 'matrix' } });
  });

  it('an LSTM fed by a recurrent layer without returnSequences says to turn it on, offers RepeatVector', () => {
    for (const kind of ['LSTM', 'GRU', 'SimpleRNN']) {
      const err = errorOf(kind, {}, [[[64]]]);
      expect(err.message).toMatch(/turn on its 'Return sequences'/);
      expect(err.fixes.map((f) => f.action)).toContainEqual({ type: 'insertBefore', handle: 'in', kind: 'RepeatVector', params: { n: 8 } });
    }
  });

  it('RepeatVector fed a sequence says to turn Return sequences off upstream', () => {
    expect(errorOf('RepeatVector', {}, [[[5, 4]]]).message).toMatch(/turn off that layer's 'Return sequences'/);
  });

  it('SelectStep keeps one step, drops the time axis, and refuses steps outside the sequence or a vector', () => {
    const def = getLayerDef('SelectStep')!;
    expect(def.infer([[[6, 4]]], withDefaults(def, {}))).toMatchObject({ outputs: [[4]], params: 0 });
    expect(def.infer([[[6, 4, 2]]], withDefaults(def, { step: 5 })).outputs).toEqual([[4, 2]]);
    expect(def.infer([[[null, 4]]], withDefaults(def, { step: 9 })).outputs).toEqual([[4]]);
    const outside = errorOf('SelectStep', { step: 6 }, [[[6, 4]]]);
    expect(outside.message).toMatch(/step 6 is outside a sequence of 6 steps/);
    expect(outside.fixes.map((f) => f.action)).toEqual([{ type: 'setParam', param: 'step', value: -1 }]);
    expect(errorOf('SelectStep', { step: -7 }, [[[6, 4]]]).message).toMatch(/outside/);
    expect(errorOf('SelectStep', {}, [[[8]]]).message).toMatch(/no time axis/);
  });

  it('initial states must come together and match units', () => {
    expect(errorOf('LSTM', { units: 4, useInitialState: true }, [[[5, 3]], [[4]], []]).message).toMatch(/connect both/);
    const err = errorOf('GRU', { units: 4, useInitialState: true }, [[[5, 3]], [[6]]]);
    expect(err.message).toMatch(/h0 must be \[4\].*gets \[6\]/);
    expect(err.fixes.map((f) => f.action)).toEqual([{ type: 'setParam', param: 'units', value: 6 }]);
  });

  it('Embedding notes the id range and masking', () => {
    const def = getLayerDef('Embedding')!;
    const r = def.infer([[[12]]], withDefaults(def, { inputDim: 100, outputDim: 8, maskZero: true }));
    expect(r.outputs).toEqual([[12, 8]]);
    expect(r.params).toBe(800);
    expect(r.notes?.join(' ')).toMatch(/0 to 99.*padding/);
  });
});

describe('in a whole graph (shared/infer.ts)', () => {
  const node = (id: string, kind: string, params: ParamValues = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
  const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in'): GraphEdge => ({
    id: `${source}-${sourceHandle}-${target}-${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  });

  it('an encoder LSTM\'s h and c wired into a decoder LSTM infer shapes and parameter counts', () => {
    const nodes = [
      node('enc_in', 'Input', { shape: [5, 3] }),
      node('dec_in', 'Input', { feature: 'x2', shape: [4, 2] }),
      node('enc', 'LSTM', { units: 8, returnState: true }),
      node('dec', 'LSTM', { units: 8, returnSequences: true, useInitialState: true }),
      node('head', 'TimeDistributed', { units: 1, activation: 'linear' }),
      node('out', 'Output'),
    ];
    const edges = [
      edge('enc_in', 'enc'),
      edge('dec_in', 'dec'),
      edge('enc', 'dec', 'h', 'h0'),
      edge('enc', 'dec', 'c', 'c0'),
      edge('dec', 'head'),
      edge('head', 'out'),
    ];
    const inf = inferGraph({ nodes, edges });
    expect(inf.errors).toEqual([]);
    expect(inf.nodes.enc.outputs).toEqual([[8], [8], [8]]);
    expect(inf.nodes.dec.outputs).toEqual([[4, 8]]);
    expect(inf.totalParams).toBe(4 * 8 * (3 + 8 + 1) + 4 * 8 * (2 + 8 + 1) + 9);
  });

  it('an LSTM on a flat MNIST Input shows the error and fixes on the LSTM node', () => {
    const inf = inferGraph({
      nodes: [node('x', 'Input', { shape: [784] }), node('rnn', 'LSTM'), node('y', 'Output')],
      edges: [edge('x', 'rnn'), edge('rnn', 'y')],
    });
    const err = inf.errors.find((e) => e.nodeId === 'rnn');
    expect(err?.fixes.map((f) => f.action)).toContainEqual({ type: 'setDataset', patch: { representation: 'matrix' } });
  });
});
