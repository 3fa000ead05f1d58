// Graph -> tf.LayersModel. Shapes are checked by shared inference first, so a graph that reaches the
// builders is known to fit; builders only translate.
import type * as tfType from '@tensorflow/tfjs';
import type { GraphFile, TrainingConfig } from '../../shared/graph/types';
import type { DatasetShapes } from '../../shared/data/types';
import { inferGraph } from '../../shared/infer';
import { resolveWiring, type Wire } from '../../shared/graph/wiring';
import { getBuilder } from './builders';
import type { SymbolicTensor, TF } from './types';
import { makeOptimizer } from './optimizers';
import { separateRepeatedInputs } from './repeated-inputs';
import { nodeLinks } from '../../shared/graph/links';
import { layerNameFor } from '../../shared/graph/node-names';

/** Kinds whose builders handle one tensor on several handles themselves (self-attention as a single input). */
const HANDLES_REPEATED_INPUTS = new Set(['Attention', 'MultiHeadAttention']);

export class GraphCompileError extends Error {
  constructor(
    message: string,
    public readonly nodeId: string | null = null,
  ) {
    super(message);
    this.name = 'GraphCompileError';
  }
}

/** tfjs layer names must be unique and simple; node ids from the UI may not be (shared, so messages can map them back). */
export { layerNameFor };

export interface BuiltModel {
  model: tfType.LayersModel;
  /** Input node ids in model.inputs order, with the dataset feature each reads. */
  inputs: { nodeId: string; feature: string }[];
  /** Output node ids in model.outputs order, with the dataset target each predicts. */
  outputs: { nodeId: string; target: string }[];
}

export function buildModel(graph: GraphFile, tf: TF, data?: DatasetShapes): BuiltModel {
  const inference = inferGraph(graph, data);
  const first = inference.errors[0];
  if (first) {
    const node = first.nodeId ? graph.nodes.find((n) => n.id === first.nodeId) : undefined;
    const where = node ? `${node.label ?? node.kind} (${node.id}): ` : '';
    throw new GraphCompileError(`${where}${first.message}`, first.nodeId);
  }

  const wiring = resolveWiring(graph);
  const produced = new Map<string, SymbolicTensor[]>();
  const inputs: BuiltModel['inputs'] = [];
  const outputs: BuiltModel['outputs'] = [];
  const modelInputs: SymbolicTensor[] = [];
  const modelOutputs: SymbolicTensor[] = [];
  // Weight tying: the nodes whose weights others reuse, and what each handed over (inference orders them first).
  const links = nodeLinks(graph);
  const sharing = new Set(links.map((l) => l.to));
  const shared = new Map<string, SymbolicTensor>();

  for (const id of inference.order) {
    const { node, params, outputs: outs, incoming, slots } = wiring.get(id)!;
    const tensorOf = (w: Wire) => produced.get(w.sourceId)?.[w.outputIndex];
    const broken = incoming.find((w) => w.slot < 0 || !tensorOf(w));
    if (broken) throw new GraphCompileError(`Wire ${broken.edgeId} into ${node.kind} (${id}) has no tensor`, id);
    const wired: SymbolicTensor[][] = slots.map((slot) => slot.map((w) => tensorOf(w)!));
    const name = layerNameFor(id);
    const distinct = HANDLES_REPEATED_INPUTS.has(node.kind) ? wired : separateRepeatedInputs(wired, tf, name);
    const linked: Record<string, SymbolicTensor> = {};
    for (const l of links.filter((x) => x.from === id)) {
      const weights = shared.get(l.to);
      if (!weights) throw new GraphCompileError(`${node.kind} (${id}) links to ${l.to}, whose builder shared no weights`, id);
      linked[l.param] = weights;
    }
    const shareWeights = sharing.has(id) ? (w: SymbolicTensor) => void shared.set(id, w) : undefined;
    const result = getBuilder(node.kind).build(distinct, params, { tf, nodeId: id, name, shareWeights, linked });
    if (result.length !== outs.length) {
      throw new GraphCompileError(`Builder for ${node.kind} returned ${result.length} outputs, expected ${outs.length}`, id);
    }
    produced.set(id, result);
    if (node.kind === 'Input') {
      modelInputs.push(result[0]);
      inputs.push({ nodeId: id, feature: String(params.feature ?? 'x') });
    } else if (node.kind === 'Output') {
      modelOutputs.push(wired[0][0]);
      outputs.push({ nodeId: id, target: String(params.target ?? 'y') });
    }
  }

  const model = tf.model({ inputs: modelInputs, outputs: modelOutputs, name: 'layerlab' });
  return { model, inputs, outputs };
}

export function compileModel(model: tfType.LayersModel, training: TrainingConfig, tf: TF): void {
  // Accuracy only means something for classification losses; tfjs would compute garbage otherwise.
  const classification = training.loss.endsWith('Crossentropy');
  const metrics = training.metrics.filter((m) => classification || (m !== 'accuracy' && m !== 'acc'));
  model.compile({ optimizer: makeOptimizer(training, tf), loss: training.loss, metrics });
}
