// Recognises the subgraph torch.onnx.export writes for one nn.TransformerEncoderLayer (batch_first=True,
// norm_first=False, activation relu, no mask) and turns it into one LayerLab TransformerEncoderBlock, whose maths
// (post-norm, LayerNorm epsilon 1e-5, biased q/k/v/output projections) are the same:
//   x -> [self-attention: Transpose, MatMul(in_proj), Add(bias), Slice q/k/v, Reshape/Transpose to heads,
//         Div(sqrt(head_dim)), MatMul, Softmax, MatMul, Transpose, Reshape, Gemm(out_proj), Reshape, Transpose]
//     -> Add(x, .) -> LayerNormalization -> MatMul+Add -> Relu -> MatMul+Add -> Add -> LayerNormalization
// The attention part is matched as a region: every node between x and the residual Add, from a fixed set of
// operators, with exactly one Softmax, one in-projection and one out-projection, read by nothing outside.
import type { OnnxNode } from './read-model';
import type { GraphIndex } from './graph-index';
import type { MappingContext } from './mapping-context';
import { arr, columns, permuted, type NodeWeights, type WeightArray } from './weights';

export interface EncoderBlockMatch {
  input: string;
  output: string;
  /** Every ONNX node the block replaces (the last LayerNormalization included). */
  covered: Set<OnnxNode>;
  params: { heads: number; ffDim: number };
  weights: NodeWeights;
}

const ATTENTION_OPS = new Set(['Transpose', 'MatMul', 'Add', 'Shape', 'Gather', 'Constant', 'Div', 'Mul', 'Slice', 'Reshape', 'Softmax', 'Gemm', 'Unsqueeze', 'Concat', 'Squeeze', 'Cast', 'Sqrt', 'Identity']);
/** torch's LayerNorm epsilon, the one LayerLab's blocks use. */
const EPSILON = 1e-5;

/** x @ W + b written as MatMul(x, W) then Add(b, .) in either order: [x, W, b, the Add]. */
function linearOf(ix: GraphIndex, value: string): { x: string; w: WeightArray; b: WeightArray; nodes: OnnxNode[] } | null {
  const add = ix.producer.get(value);
  if (add?.opType !== 'Add') return null;
  const bi = add.inputs.findIndex((i) => ix.floatsOf(i));
  if (bi < 0) return null;
  const mm = ix.producer.get(add.inputs[1 - bi]);
  if (mm?.opType !== 'MatMul') return null;
  const w = ix.floatsOf(mm.inputs[1]);
  const b = ix.floatsOf(add.inputs[bi])!;
  if (!w || w.shape.length !== 2 || b.shape.length !== 1 || b.shape[0] !== w.shape[1]) return null;
  return { x: mm.inputs[0], w: arr(w.data, w.shape), b: arr(b.data, b.shape), nodes: [mm, add] };
}

function layerNormOf(ix: GraphIndex, node: OnnxNode | undefined): { gamma: WeightArray; beta: WeightArray } | null {
  if (node?.opType !== 'LayerNormalization') return null;
  const eps = node.attrs.get('epsilon') ?? 1e-5;
  const axis = node.attrs.get('axis') ?? -1;
  const gamma = ix.floatsOf(node.inputs[1]);
  const beta = ix.floatsOf(node.inputs[2] ?? '');
  if (typeof eps !== 'number' || Math.abs(eps - EPSILON) > 1e-7 || axis !== -1 || !gamma || !beta) return null;
  return { gamma: arr(gamma.data, gamma.shape), beta: arr(beta.data, beta.shape) };
}

/** The nodes computing `to` from `from` (and constants), or null when anything else flows in. */
function regionBetween(ix: GraphIndex, from: string, to: string): Set<OnnxNode> | null {
  const region = new Set<OnnxNode>();
  const stack = [to];
  while (stack.length) {
    const v = stack.pop()!;
    if (v === from || v === '' || ix.model.initializers.has(v)) continue;
    const p = ix.producer.get(v);
    if (!p) return null; // a graph input other than x
    if (region.has(p)) continue;
    if (!ATTENTION_OPS.has(p.opType) || region.size > 200) return null;
    region.add(p);
    stack.push(...p.inputs);
  }
  return region;
}

function attentionOf(ix: GraphIndex, x: string, out: string, d: number) {
  const region = regionBetween(ix, x, out);
  if (!region) return null;
  const nodes = [...region];
  const softmax = nodes.filter((n) => n.opType === 'Softmax');
  if (softmax.length !== 1 || (softmax[0].attrs.get('axis') ?? -1) !== -1) return null;
  if (nodes.filter((n) => n.opType === 'MatMul').length !== 3) return null;
  // batch_first=True: torch transposes x to sequence-first before the in-projection.
  const firstOps = (ix.consumers.get(x) ?? []).filter((n) => region.has(n));
  if (firstOps.length !== 1 || firstOps[0].opType !== 'Transpose' || String(firstOps[0].attrs.get('perm')) !== '1,0,2') return null;
  const inProj = nodes.find((n) => n.opType === 'MatMul' && ix.floatsOf(n.inputs[1])?.shape.join() === `${d},${3 * d}`);
  const inBiasAdd = nodes.find((n) => n.opType === 'Add' && n.inputs.some((i) => ix.floatsOf(i)?.shape.join() === `${3 * d}`));
  const outProj = nodes.find((n) => n.opType === 'Gemm' && ix.floatsOf(n.inputs[1])?.shape.join() === `${d},${d}` && ix.floatsOf(n.inputs[2] ?? '')?.shape.join() === `${d}`);
  if (!inProj || !inBiasAdd || !outProj || outProj.attrs.get('transA')) return null;
  // 1 / sqrt(head_dim): a Div by sqrt(head_dim) (torch 1.13) or a Mul by its inverse, on the queries.
  const scales = nodes.flatMap((n) => {
    const c = n.inputs.map((i) => ix.floatsOf(i)).find((t) => t && t.data.length === 1);
    if (!c || (n.opType !== 'Div' && n.opType !== 'Mul') || ix.producer.get(n.inputs[0])?.opType === 'Gather') return [];
    return [n.opType === 'Div' ? c.data[0] ** 2 : 1 / c.data[0] ** 2];
  });
  const headDims = scales.map(Math.round).filter((h, i) => h > 0 && Math.abs(h - scales[i]) < 1e-3 && d % h === 0);
  if (headDims.length !== 1) return null;
  const win = ix.floatsOf(inProj.inputs[1])!;
  const bin = ix.floatsOf(inBiasAdd.inputs.find((i) => ix.floatsOf(i)?.shape.join() === `${3 * d}`)!)!;
  const wout = ix.floatsOf(outProj.inputs[1])!;
  const bout = ix.floatsOf(outProj.inputs[2])!;
  const W = arr(win.data, win.shape);
  const slice = (k: number) => arr(bin.data.slice(k * d, (k + 1) * d), [d]);
  const oKernel = outProj.attrs.get('transB') ? permuted(arr(wout.data, wout.shape), [1, 0]) : arr(wout.data, wout.shape);
  const weights: NodeWeights = {
    'block0/self_attention/query/kernel': columns(W, 0, d),
    'block0/self_attention/key/kernel': columns(W, d, 2 * d),
    'block0/self_attention/value/kernel': columns(W, 2 * d, 3 * d),
    'block0/self_attention/output/kernel': oKernel,
    'block0/self_attention/query/bias': slice(0),
    'block0/self_attention/key/bias': slice(1),
    'block0/self_attention/value/bias': slice(2),
    'block0/self_attention/output/bias': arr(bout.data, bout.shape),
  };
  return { region, heads: d / headDims[0], weights };
}

/** Reads the block that ends in LayerNormalization `ln2`, or null when the nodes around it are not torch's encoder layer. */
function matchAt(ix: GraphIndex, ln2: OnnxNode): EncoderBlockMatch | null {
  const norm2 = layerNormOf(ix, ln2);
  const add2 = ix.producer.get(ln2.inputs[0]);
  if (!norm2 || add2?.opType !== 'Add') return null;
  const ln1 = add2.inputs.map((i) => ix.producer.get(i)).find((p) => p?.opType === 'LayerNormalization');
  const norm1 = layerNormOf(ix, ln1);
  if (!ln1 || !norm1) return null;
  const ff2 = linearOf(ix, add2.inputs.find((i) => i !== ln1.outputs[0])!);
  const relu = ff2 && ix.producer.get(ff2.x);
  if (!ff2 || relu?.opType !== 'Relu') return null;
  const ff1 = linearOf(ix, relu.inputs[0]);
  if (!ff1 || ff1.x !== ln1.outputs[0]) return null;
  const d = ff1.w.shape[0];
  const ffDim = ff1.w.shape[1];
  if (ff2.w.shape.join() !== `${ffDim},${d}` || norm1.gamma.shape[0] !== d) return null;
  const add1 = ix.producer.get(ln1.inputs[0]);
  if (add1?.opType !== 'Add') return null;
  for (const [xi, ai] of [[0, 1], [1, 0]]) {
    const x = add1.inputs[xi];
    const att = attentionOf(ix, x, add1.inputs[ai], d);
    if (!att) continue;
    const covered = new Set<OnnxNode>([...att.region, add1, ln1, ...ff1.nodes, relu, ...ff2.nodes, add2, ln2]);
    // Nothing outside the block may read its inner values (the attention weights, say).
    const leaks = [...covered].some((n) => n !== ln2 && n.outputs.some((o) => ix.outputs.has(o) || (ix.consumers.get(o) ?? []).some((c) => !covered.has(c))));
    if (leaks) return null;
    return {
      input: x,
      output: ln2.outputs[0],
      covered,
      params: { heads: att.heads, ffDim },
      weights: {
        ...att.weights,
        'block0/self_attention_norm/gamma': norm1.gamma,
        'block0/self_attention_norm/beta': norm1.beta,
        'block0/ff1/kernel': ff1.w,
        'block0/ff1/bias': ff1.b,
        'block0/ff2/kernel': ff2.w,
        'block0/ff2/bias': ff2.b,
        'block0/ff_norm/gamma': norm2.gamma,
        'block0/ff_norm/beta': norm2.beta,
      },
    };
  }
  return null;
}

export function findEncoderBlocks(ix: GraphIndex): EncoderBlockMatch[] {
  return ix.model.nodes.filter((n) => n.opType === 'LayerNormalization').flatMap((n) => matchAt(ix, n) ?? []);
}

/** The matched block as one TransformerEncoderBlock; `name` is torch's module path ('/encoder/layers.0'). */
export function mapEncoderBlock(ctx: MappingContext, b: EncoderBlockMatch, name: string): void {
  ctx.begin({ name, opType: 'TransformerEncoderLayer', domain: '', inputs: [], outputs: [], attrs: new Map() });
  const x = ctx.tensor(b.input);
  if (x.layout !== 'plain' || x.shape.length !== 2) ctx.fail(`the encoder layer's input should be a batch-first sequence [T, d], got [${x.shape.join(', ')}]`);
  const params = { layers: 1, heads: b.params.heads, keyDim: 0, ffDim: b.params.ffDim, dropout: 0.1, normFirst: false, activation: 'relu' };
  const id = ctx.emit('TransformerEncoderBlock', params, [x], b.weights);
  ctx.set(b.output, { kind: 'tensor', node: id, handle: 'out', shape: x.shape, layout: 'plain' });
}
