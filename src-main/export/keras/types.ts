// One Keras (TensorFlow 2) code generator per layer kind, mirroring shared/layers:
// src-main/export/keras/<category>/<kind>.ts, registered in that folder's index.ts.
// A generator writes functional-API lines that assign node.outputVars from node.inputVars.
import type { ParamValues } from '../../../shared/layers/types';
import { ExportError, type PlannedNode } from '../codegen/plan';
import { pyString } from '../codegen/escape';

export interface KerasLayerCode {
  lines: string[];
  warnings?: string[];
}

export interface KerasGenerator<P extends ParamValues = ParamValues> {
  kind: string;
  generate(node: PlannedNode & { params: P }): KerasLayerCode;
}

export function defineKerasGenerator<P extends ParamValues>(gen: KerasGenerator<P>): KerasGenerator<P> {
  return gen;
}

/** tfjs activation name -> Keras activation name. */
const KERAS_ACTIVATIONS: Record<string, string> = {
  linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', elu: 'elu', selu: 'selu',
  relu6: 'relu6', gelu: 'gelu', swish: 'swish', mish: 'mish', softplus: 'softplus', softsign: 'softsign',
  hardSigmoid: 'hard_sigmoid',
};

export function kerasActivation(name: string, n: PlannedNode): string {
  const a = KERAS_ACTIVATIONS[name];
  if (!a) throw new ExportError(`${n.node.kind} (${n.node.id}): activation '${name}' has no Keras name in the exporter`, n.node.id);
  return pyString(a);
}

/** The Keras layer name: the node's Python name, so model.summary() reads like the LayerLab graph. */
export function kerasName(n: PlannedNode): string {
  return pyString(n.name);
}

/** The Python variable holding a node's Keras layer object, for a layer another one reuses (a tied Embedding). */
export function kerasLayerVar(n: PlannedNode): string {
  return `${n.name}_layer`;
}

/** `out = layers.X(args, name=...)(in)` for single-input, single-output layers. */
export function applyLine(n: PlannedNode, layer: string, args: string[]): string {
  return `${n.outputVars[0]} = layers.${layer}(${[...args, `name=${kerasName(n)}`].join(', ')})(${n.inputVars[0][0]})`;
}

export const pyBool = (b: boolean) => (b ? 'True' : 'False');
