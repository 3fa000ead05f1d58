// The Keras script's structure, layer by layer. TensorFlow cannot be installed here, so the exported script is
// never run; instead Python's own parser (ast, via testing/keras_calls.py) reads build_model(), and every node of
// the graph must be one layer call whose class, positional and keyword arguments are what the node's parameters
// say in the Keras API (written out below, independently of the generators), called on the variables of the
// nodes wired into it, in the order of the wires (initial states as initial_state=[h, c]).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphFile, GraphNode } from '../../../shared/graph/types';
import { getLayerDef, outputHandles, withDefaults } from '../../../shared/layers';
import type { ParamValues } from '../../../shared/layers/types';
import { getTemplate } from '../../../shared/templates';
import { inferGraph } from '../../../shared/infer';
import { datasetShapes } from '../../../shared/data/catalog';
import { KIND_GRAPHS } from '../testing/graphs';
import { attentionGraph } from '../pytorch/attention/test-graphs';
import { anyPython } from '../testing/python';
import { generateKerasScript } from './script';

type PyValue = number | string | boolean | null | PyValue[] | { var: string } | PyCall | { expr: string };
interface PyCall {
  call: string;
  args: PyValue[];
  kwargs: Record<string, PyValue>;
}
interface LayerCall {
  targets: string[];
  layer: PyCall;
  inputs: PyValue[];
  input_kwargs: Record<string, PyValue>;
}

const python = anyPython();
if (!python) console.warn('Skipping the Keras structure checks: no python3 here.');

function readCalls(script: string): { calls: LayerCall[]; model: PyCall } {
  const r = spawnSync(python!, [path.join(__dirname, '../testing/keras_calls.py')], { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keras_calls.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { calls: LayerCall[]; model: PyCall };
}

const KERAS_ACTIVATION: Record<string, string> = { hardSigmoid: 'hard_sigmoid' };
const act = (name: unknown) => KERAS_ACTIVATION[String(name)] ?? String(name);
/** Keras's own defaults for arguments a script may leave out. */
const KERAS_DEFAULTS: Record<string, Record<string, PyValue>> = {
  'layers.LSTM': { return_sequences: false, return_state: false },
  'layers.GRU': { return_sequences: false, return_state: false },
  'layers.SimpleRNN': { return_sequences: false, return_state: false },
  'layers.MultiHeadAttention': { value_dim: null },
};
const call = (name: string, args: PyValue[] = [], kwargs: Record<string, PyValue> = {}): PyCall => ({ call: name, args, kwargs });

/** The Keras layer a node means, from its parameters (defaults filled in) and inferred output shape. */
function expectedLayer(n: GraphNode, p: ParamValues, outShape: number[]): PyCall | null {
  const rnn = (cls: string) =>
    call(`layers.${cls}`, [p.units as number], {
      activation: act(p.activation),
      return_sequences: p.returnSequences as boolean,
      return_state: p.returnState as boolean,
      ...(cls === 'GRU' ? { reset_after: false } : {}), // tfjs's GRU: one bias per gate
    });
  switch (n.kind) {
    case 'Input': return call('keras.Input', [], { shape: p.shape as number[] });
    case 'Output': return null;
    case 'Dense': return call('layers.Dense', [p.units as number], { activation: act(p.activation), use_bias: p.useBias as boolean });
    case 'Dropout': return call('layers.Dropout', [p.rate as number]);
    case 'Activation': return call('layers.Activation', [act(p.activation)]);
    case 'BatchNormalization': return call('layers.BatchNormalization', [], { momentum: p.momentum as number, epsilon: p.epsilon as number });
    case 'LayerNormalization': return call('layers.LayerNormalization', [], { epsilon: p.epsilon as number });
    case 'Reshape': return call('layers.Reshape', [], { target_shape: outShape }); // -1 resolved, as Keras prints it back
    case 'Permute': return call('layers.Permute', [], { dims: p.dims as number[] });
    case 'Concatenate': return call('layers.Concatenate', [], { axis: p.axis as number });
    case 'Flatten': case 'Add': case 'Multiply': case 'GlobalAveragePooling1D': case 'GlobalAveragePooling2D':
      return call(`layers.${n.kind}`);
    case 'Conv1D': case 'Conv2D':
      return call(`layers.${n.kind}`, [p.filters as number, p.kernelSize as number], {
        strides: p.strides as number, padding: p.padding as string, dilation_rate: p.dilationRate as number, activation: act(p.activation),
      });
    case 'MaxPooling2D': case 'AveragePooling2D':
      // LayerLab's strides 0 means "the pool size" (Keras's strides=None).
      return call(`layers.${n.kind}`, [], { pool_size: p.poolSize as number, strides: (p.strides as number) || (p.poolSize as number), padding: p.padding as string });
    case 'LSTM': case 'GRU': case 'SimpleRNN': return rnn(n.kind);
    case 'Bidirectional': {
      const inner = call(`layers.${p.cell as string}`, [p.units as number], { return_sequences: p.returnSequences as boolean, ...(p.cell === 'GRU' ? { reset_after: false } : {}) });
      return call('layers.Bidirectional', [inner], { merge_mode: p.mergeMode as string });
    }
    case 'TimeDistributed': return call('layers.TimeDistributed', [call('layers.Dense', [p.units as number], { activation: act(p.activation) })]);
    case 'RepeatVector': return call('layers.RepeatVector', [p.n as number]);
    case 'Embedding': return call('layers.Embedding', [p.inputDim as number, p.outputDim as number], { mask_zero: p.maskZero as boolean });
    // LayerLab's own layers, written as custom Keras layer classes in the script.
    case 'PositionalEncoding': return call('LayerLabPositionalEncoding', [p.mode as string, p.maxLength as number]);
    case 'Attention': return call('LayerLabAttention', [p.score as string, p.mode as string, p.causal as boolean, p.units as number, p.returnScores as boolean]);
    case 'MultiHeadAttention':
      return call('layers.MultiHeadAttention', [], {
        num_heads: p.heads as number, key_dim: p.keyDim as number, value_dim: (p.valueDim as number) || null, dropout: p.dropout as number, use_bias: p.useBias as boolean,
      });
    default: throw new Error(`no Keras expectation written for ${n.kind}`);
  }
}

/** A call with the Keras defaults filled in and the layer name (used to find it) left out. */
function effective(c: PyCall): PyCall {
  const { name: _name, ...kwargs } = c.kwargs;
  return { call: c.call, args: c.args.map((a) => (a && typeof a === 'object' && 'call' in a ? effective(a) : a)), kwargs: { ...KERAS_DEFAULTS[c.call], ...kwargs } };
}

function checkGraph(graph: GraphFile): void {
  const { script, plan } = generateKerasScript(graph, datasetShapes(graph.dataset));
  const { calls, model } = readCalls(script);
  const inf = inferGraph(graph, datasetShapes(graph.dataset));
  const nameOf = new Map(plan.nodes.map((pn) => [pn.node.id, pn.name]));
  const callOf = (id: string) => calls.filter((c) => c.layer.kwargs.name === nameOf.get(id));
  /** The variable a node's output handle is bound to, from the targets of the node's own call. */
  const varOf = (id: string, handle: string): PyValue => {
    const node = graph.nodes.find((m) => m.id === id)!;
    const def = getLayerDef(node.kind)!;
    const index = outputHandles(def, node.params).findIndex((h) => h.id === handle);
    return { var: callOf(id)[0].targets[index] };
  };
  const layerNodes = graph.nodes.filter((n) => n.kind !== 'Output');
  // One call per node, and no layer call in build_model() that no node asked for.
  expect(calls.map((c) => c.layer.kwargs.name).sort()).toEqual(layerNodes.map((n) => nameOf.get(n.id)).sort());
  for (const n of layerNodes) {
    const [c] = callOf(n.id);
    const def = getLayerDef(n.kind)!;
    const want = expectedLayer(n, withDefaults(def, n.params), inf.nodes[n.id].outputs[0] as number[])!;
    expect({ node: n.id, layer: effective(c.layer) }).toEqual({ node: n.id, layer: effective(want) });
    expect(c.targets, `${n.id}: one variable per output handle`).toHaveLength(outputHandles(def, n.params).length);
    // Inputs: the 'in' wires in order (a list for merges), initial states by keyword; attention's query, value
    // and key as one list (LayerLab's Attention) or as arguments (Keras's MultiHeadAttention).
    const wires = graph.edges.filter((e) => e.target === n.id);
    const at = (handle: string) => wires.filter((e) => e.targetHandle === handle).map((e) => varOf(e.source, e.sourceHandle));
    const p = withDefaults(def, n.params);
    const main = at('in');
    const states = [...at('h0'), ...at('c0')];
    const merge = def.inputs instanceof Array && def.inputs.some((h) => h.multiple);
    const expected =
      n.kind === 'Attention'
        ? { inputs: [[...at('query'), ...at('value'), ...at('key')]], kwargs: {} }
        : n.kind === 'MultiHeadAttention'
          ? { inputs: [...at('query'), ...at('value')], kwargs: { ...(at('key').length ? { key: at('key')[0] } : {}), ...(p.causal ? { use_causal_mask: true } : {}) } }
          : { inputs: n.kind === 'Input' ? [] : merge ? [main] : main, kwargs: states.length ? { initial_state: states } : {} };
    expect({ node: n.id, inputs: c.inputs, kwargs: c.input_kwargs }).toEqual({ node: n.id, ...expected });
  }
  const outputs = graph.nodes.filter((n) => n.kind === 'Output').map((n) => graph.edges.find((e) => e.target === n.id)!).map((e) => varOf(e.source, e.sourceHandle));
  const inputs = graph.nodes.filter((n) => n.kind === 'Input').map((n) => varOf(n.id, 'out'));
  expect(model.call).toBe('keras.Model');
  expect(model.kwargs.inputs).toEqual(inputs);
  expect(model.kwargs.outputs).toEqual(outputs.length === 1 ? outputs[0] : outputs);
}

describe.skipIf(!python)('Keras script structure, read with Python ast', () => {
  for (const graph of [getTemplate('mlp-mnist')!.graph, ...KIND_GRAPHS, attentionGraph]) {
    it(`${graph.name}: every node is one layer call with its parameters as arguments, on the wired inputs`, () => checkGraph(graph));
  }
});
