// LayerLab's own WebAssembly SIMD kernels, run on tfjs-backend-wasm's heap (its exported memory), for work
// the stock wasm kernels do with plain scalar loops. Built with ./assembler when first needed.
//
// bmm(a, b, out, batch, m, k, n): out[p] = a[p] . b[p] for p < batch; a [batch, m, k], b [batch, k, n],
// out [batch, m, n], row-major float32, all byte addresses on the heap. Four-lane vectors along n: each
// output row is built 16 columns at a time in four accumulators (a[i, kk] splatted, times four vectors of
// b's row kk), then 4 columns, then single columns. Sums run over k in order, like the stock loop.
//
// tanh, tanhGrad, sigmoidGrad: see ./elementwise.ts. lstmCell, lstmCellGrad: see ./lstm.ts.
//
// adam(w, m, v, g, outW, outM, outV, n, beta1, beta2, 1-beta1, 1-beta2, 1-beta1^t, 1-beta2^t, -lr, eps): one
// Adam step over n floats in one pass, with exactly the float32 operations (and their order) of tfjs's
// AdamOptimizer, which takes about a dozen kernels and as many passes over memory for the same result.
import { assemble, Code, F32, I32, V128, type ValType } from './assembler';
import { ELEMENTWISE_FUNCTIONS, type ElementwiseKernels } from './elementwise';
import { LSTM_FUNCTIONS, type LstmKernels } from './lstm';

// Locals of bmm: the seven parameters, then these.
const [A, B, OUT, BATCH, M, K, N] = [0, 1, 2, 3, 4, 5, 6];
const [P, I, J, KK, A_ROW, B_COL, O_ROW, B_MAT, N16, N4, N_BYTES] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const ACC = [18, 19, 20, 21];
const AV = 22;
const S = 23;

function bmmBody(): Code {
  const c = new Code();
  c.get(N).i32(-16).and().set(N16);
  c.get(N).i32(-4).and().set(N4);
  c.get(N).i32(2).shl().set(N_BYTES);
  /** bCol = bMat + j * 4 */
  const startColumn = () => c.get(B_MAT).get(J).i32(2).shl().add().set(B_COL);
  /** pushes a[i, kk] */
  const loadA = () => c.get(A_ROW).get(KK).i32(2).shl().add().f32Load();
  const nextBRow = () => c.get(B_COL).get(N_BYTES).add().set(B_COL);
  /** pushes the output address of column j */
  const outAddress = () => c.get(O_ROW).get(J).i32(2).shl().add();

  c.loop(P, 0, BATCH, 1, () => {
    c.get(P).get(K).mul().get(N).mul().i32(2).shl().get(B).add().set(B_MAT);
    c.loop(I, 0, M, 1, () => {
      // row index p * m + i, in a (k wide) and out (n wide)
      c.get(P).get(M).mul().get(I).add().get(K).mul().i32(2).shl().get(A).add().set(A_ROW);
      c.get(P).get(M).mul().get(I).add().get(N).mul().i32(2).shl().get(OUT).add().set(O_ROW);

      c.loop(J, 0, N16, 16, () => {
        for (const acc of ACC) c.zeroV128().set(acc);
        startColumn();
        c.loop(KK, 0, K, 1, () => {
          loadA();
          c.f32x4Splat().set(AV);
          ACC.forEach((acc, v) => c.get(acc).get(AV).get(B_COL).v128Load(16 * v).f32x4Mul().f32x4Add().set(acc));
          nextBRow();
        });
        ACC.forEach((acc, v) => outAddress().get(acc).v128Store(16 * v));
      });

      c.loop(J, null, N4, 4, () => {
        c.zeroV128().set(ACC[0]);
        startColumn();
        c.loop(KK, 0, K, 1, () => {
          c.get(ACC[0]);
          loadA();
          c.f32x4Splat().get(B_COL).v128Load().f32x4Mul().f32x4Add().set(ACC[0]);
          nextBRow();
        });
        outAddress().get(ACC[0]).v128Store();
      });

      c.loop(J, null, N, 1, () => {
        c.f32(0).set(S);
        startColumn();
        c.loop(KK, 0, K, 1, () => {
          c.get(S);
          loadA();
          c.get(B_COL).f32Load().f32Mul().f32Add().set(S);
          nextBRow();
        });
        outAddress().get(S).f32Store();
      });
    });
  });
  return c;
}

// adam: parameters, then locals.
const [W, AM, AV2, G, OW, OM, OV, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7];
const SCALARS = [8, 9, 10, 11, 12, 13, 14, 15]; // beta1, beta2, 1-beta1, 1-beta2, 1-beta1^t, 1-beta2^t, -lr, eps
const [AT, COUNT4] = [16, 17];
const SPLAT = [18, 19, 20, 21, 22, 23, 24, 25]; // the scalars as four-lane vectors
const [GV, NM, NV] = [26, 27, 28];
const [GS, NMS, NVS] = [29, 30, 31];

/**
 * The Adam update at byte offset AT, with vector ops (vector = true, 4 floats) or scalar ones:
 *   m' = m*b1 + g*(1-b1);  v' = v*b2 + (g*g)*(1-b2);  w' = ((m'/(1-b1^t)) / (sqrt(v'/(1-b2^t)) + eps)) * -lr + w
 */
function adamStep(c: Code, vector: boolean): void {
  const [k, g, nm, nv] = vector ? [SPLAT, GV, NM, NV] : [SCALARS, GS, NMS, NVS];
  const load = (base: number) => (vector ? c.get(base).get(AT).add().v128Load() : c.get(base).get(AT).add().f32Load());
  const store = (base: number, value: number) => {
    c.get(base).get(AT).add().get(value);
    if (vector) c.v128Store();
    else c.f32Store();
  };
  const mul = () => (vector ? c.f32x4Mul() : c.f32Mul());
  const add = () => (vector ? c.f32x4Add() : c.f32Add());
  const div = () => (vector ? c.f32x4Div() : c.f32Div());
  const sqrt = () => (vector ? c.f32x4Sqrt() : c.f32Sqrt());
  load(G);
  c.set(g);
  load(AM);
  c.get(k[0]);
  mul();
  c.get(g).get(k[2]);
  mul();
  add();
  c.set(nm);
  load(AV2);
  c.get(k[1]);
  mul();
  c.get(g).get(g);
  mul();
  c.get(k[3]);
  mul();
  add();
  c.set(nv);
  store(OM, nm);
  store(OV, nv);
  c.get(OW).get(AT).add(); // address of the new weight, under the value
  c.get(nm).get(k[4]);
  div();
  c.get(nv).get(k[5]);
  div();
  sqrt();
  c.get(k[7]);
  add();
  div();
  c.get(k[6]);
  mul();
  load(W);
  add();
  if (vector) c.v128Store();
  else c.f32Store();
}

function adamBody(): Code {
  const c = new Code();
  SCALARS.forEach((s, i) => c.get(s).f32x4Splat().set(SPLAT[i]));
  c.get(COUNT).i32(-4).and().i32(2).shl().set(COUNT4); // bytes covered by whole vectors
  c.get(COUNT).i32(2).shl().set(COUNT); // from here on COUNT is in bytes
  c.loop(AT, 0, COUNT4, 16, () => adamStep(c, true));
  c.loop(AT, null, COUNT, 4, () => adamStep(c, false));
  return c;
}

export interface SimdKernels extends ElementwiseKernels, LstmKernels {
  bmm(a: number, b: number, out: number, batch: number, m: number, k: number, n: number): void;
  adam(w: number, m: number, v: number, g: number, outW: number, outM: number, outV: number, n: number, ...scalars: number[]): void;
}

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<WebAssembly.Memory, SimdKernels>();

export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  return assemble([
    { name: 'bmm', params: Array<ValType>(7).fill(I32), locals: [...Array<ValType>(11).fill(I32), ...Array<ValType>(5).fill(V128), F32], body: bmmBody() },
    {
      name: 'adam',
      params: [...Array<ValType>(8).fill(I32), ...Array<ValType>(8).fill(F32)],
      locals: [I32, I32, ...Array<ValType>(11).fill(V128), F32, F32, F32],
      body: adamBody(),
    },
    ...ELEMENTWISE_FUNCTIONS,
    ...LSTM_FUNCTIONS,
  ]);
}

/** The kernels bound to `memory` (tfjs-backend-wasm's heap), compiled once per process. */
export function simdKernels(memory: WebAssembly.Memory): SimdKernels {
  let k = instances.get(memory);
  if (!k) {
    compiled ??= new WebAssembly.Module(simdModuleBytes());
    k = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdKernels;
    instances.set(memory, k);
  }
  return k;
}
