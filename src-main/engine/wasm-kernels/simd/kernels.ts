// LayerLab's own WebAssembly SIMD kernels, run on tfjs-backend-wasm's heap (its exported memory), for work
// the stock wasm kernels do with plain scalar loops. Built with ./assembler when first needed.
//
// bmm(a, b, out, batch, m, k, n): out[p] = a[p] . b[p] for p < batch; a [batch, m, k], b [batch, k, n],
// out [batch, m, n], row-major float32, all byte addresses on the heap. Four-lane vectors along n: each
// output row is built 16 columns at a time in four accumulators (a[i, kk] splatted, times four vectors of
// b's row kk), then 4 columns, then single columns. Sums run over k in order, like the stock loop.
import { assemble, Code, F32, I32, V128, type ValType } from './assembler';

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

export interface SimdKernels {
  bmm(a: number, b: number, out: number, batch: number, m: number, k: number, n: number): void;
}

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<WebAssembly.Memory, SimdKernels>();

export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  return assemble([{ name: 'bmm', params: [I32, I32, I32, I32, I32, I32, I32], locals: [...Array<ValType>(11).fill(I32), ...Array<ValType>(5).fill(V128), F32], body: bmmBody() }]);
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
