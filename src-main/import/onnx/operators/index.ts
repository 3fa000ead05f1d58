// Registry of operator mappers, one module per operator family; add an operator in its family's module, not here.
// Order matters where families share an operator: the first mapper that takes a node maps it (a bias Add before
// an Add of two tensors before an Add of shape integers; a Gather of a recurrent output or of a time step before
// one of shape integers).
import type { OnnxModel, OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import type { OperatorMapper } from './types';
import { activationMappers } from './activations';
import { denseMappers } from './dense';
import { convMappers } from './conv';
import { poolingMappers } from './pooling';
import { normalisationMappers } from './normalisation';
import { reshapeMappers } from './reshape';
import { recurrentMappers } from './recurrent';
import { mergeMappers } from './merge';
import { shapeArithmeticMappers } from './shape-arithmetic';

const MAPPERS: OperatorMapper[] = [
  ...activationMappers,
  ...denseMappers,
  ...convMappers,
  ...poolingMappers,
  ...normalisationMappers,
  ...reshapeMappers,
  ...recurrentMappers,
  ...mergeMappers,
  ...shapeArithmeticMappers,
];

export const SUPPORTED_OPS = [...new Set(MAPPERS.flatMap((m) => m.ops))].sort();

const isDefaultDomain = (n: OnnxNode) => !n.domain || n.domain === 'ai.onnx';

/** Maps one ONNX node (of a supported operator) into the context. */
export function mapNode(ctx: MappingContext, n: OnnxNode): void {
  ctx.begin(n);
  const mapper = MAPPERS.find((m) => m.ops.includes(n.opType) && (!m.takes || m.takes(ctx, n)));
  if (!mapper) ctx.fail('is not shape arithmetic LayerLab can work out before running the model');
  mapper.map(ctx, n);
}

/** Lists every operator no LayerLab kind stands for, by name and node; the transformer blocks' nodes are exempt. */
export function unsupportedOps(model: OnnxModel, covered: Set<OnnxNode>): { message: string; ops: string } | null {
  const bad = new Map<string, string[]>();
  for (const n of model.nodes) {
    if (covered.has(n)) continue;
    const op = isDefaultDomain(n) ? n.opType : `${n.domain}.${n.opType}`;
    if (!isDefaultDomain(n) || !SUPPORTED_OPS.includes(n.opType)) bad.set(op, [...(bad.get(op) ?? []), n.name]);
  }
  if (bad.size === 0) return null;
  const list = [...bad].map(([op, nodes]) => `${op} (${nodes.length === 1 ? 'node' : 'nodes'} ${nodes.slice(0, 5).map((x) => `'${x}'`).join(', ')}${nodes.length > 5 ? ` and ${nodes.length - 5} more` : ''})`);
  const ops = list.join('; ');
  return { ops, message: `The model uses operators LayerLab cannot import: ${ops}. Nothing was imported. Supported: ${SUPPORTED_OPS.join(', ')}, and torch's nn.TransformerEncoderLayer as a whole.` };
}
