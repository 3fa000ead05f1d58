// Elementwise SIMD kernels (four floats at a time, then a scalar tail) for the activations of recurrent
// layers, which run once per time step and so pay per-kernel costs 28 times per layer per batch:
//
// tanh(x, out, n): tanh as TensorFlow's own CPU kernels (Eigen) compute it in float32: x clamped to
//   [-c, c], then the odd rational function x * P(x^2) / Q(x^2) (degree 13 over 6); within a few float32
//   ulps of the exact tanh. The stock wasm kernel calls the C library's scalar tanh per element, ~4x
//   slower than its XNNPACK sigmoid.
// tanhGrad(y, dy, out, n):    out = (1 - y*y) * dy      (tfjs's Tanh gradient, same float32 operations)
// sigmoidGrad(y, dy, out, n): out = dy * (y * (1 - y))  (tfjs's Sigmoid gradient, same float32 operations)
//   tfjs computes each of these with three kernels and a scalar tensor; here they are one pass.
import { Code, F32, I32, V128, type ValType } from './assembler';
import type { WasmFunction } from './assembler';

// Eigen's generic_fast_tanh_float (TensorFlow's CPU tanh for float32).
const TANH_CLAMP = 7.90531110763549805;
const TANH_ALPHA = [-2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8, 1.48572235717979e-5, 6.37261928875436e-4, 4.89352455891786e-3];
const TANH_BETA = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];

/** Stack operations in one of the two modes (vector: f32x4 values; scalar: f32 values). */
export interface Ops {
  load(input: number): void;
  constant(v: number): void;
  add(): void;
  sub(): void;
  mul(): void;
  div(): void;
  min(): void;
  max(): void;
  setTemp(i: number): void;
  getTemp(i: number): void;
}

/** Everything but `load`, in vector or scalar mode; temporaries are locals `temps + i`. */
export function arithmeticOps(c: Code, vector: boolean, temps: number): Omit<Ops, 'load'> {
  return {
    constant: (v) => (vector ? c.f32(v).f32x4Splat() : c.f32(v)),
    add: () => (vector ? c.f32x4Add() : c.f32Add()),
    sub: () => (vector ? c.f32x4Sub() : c.f32Sub()),
    mul: () => (vector ? c.f32x4Mul() : c.f32Mul()),
    div: () => (vector ? c.f32x4Div() : c.f32Div()),
    min: () => (vector ? c.f32x4Min() : c.f32Min()),
    max: () => (vector ? c.f32x4Max() : c.f32Max()),
    setTemp: (i) => c.set(temps + i),
    getTemp: (i) => c.get(temps + i),
  };
}

const TEMPS = 2;

/**
 * A kernel f(in_0 .. in_{inputs-1}, out, n): out[i] = compute(in_0[i], ...) for i < n, pointers as byte
 * addresses. `compute` pushes one value from the ops (the same code runs in vector and scalar mode).
 */
function elementwise(name: string, inputs: number, compute: (o: Ops) => void): WasmFunction {
  const OUT = inputs;
  const COUNT = inputs + 1;
  const AT = inputs + 2;
  const COUNT4 = inputs + 3;
  const VTEMP = inputs + 4;
  const STEMP = VTEMP + TEMPS;
  const c = new Code();
  const ops = (vector: boolean): Ops => ({
    ...arithmeticOps(c, vector, vector ? VTEMP : STEMP),
    load: (i) => (vector ? c.get(i).get(AT).add().v128Load() : c.get(i).get(AT).add().f32Load()),
  });
  const step = (vector: boolean) => {
    c.get(OUT).get(AT).add(); // the store's address, under the value
    compute(ops(vector));
    if (vector) c.v128Store();
    else c.f32Store();
  };
  c.get(COUNT).i32(-4).and().i32(2).shl().set(COUNT4); // bytes covered by whole vectors
  c.get(COUNT).i32(2).shl().set(COUNT); // from here on COUNT is in bytes
  c.loop(AT, 0, COUNT4, 16, () => step(true));
  c.loop(AT, null, COUNT, 4, () => step(false));
  return {
    name,
    params: Array<ValType>(inputs + 2).fill(I32),
    locals: [I32, I32, ...Array<ValType>(TEMPS).fill(V128), ...Array<ValType>(TEMPS).fill(F32)],
    body: c,
  };
}

/** Replaces the value on top of the stack with its tanh; uses temps 0 and 1. */
export function pushTanh(o: Omit<Ops, 'load'>): void {
  o.constant(TANH_CLAMP);
  o.min();
  o.constant(-TANH_CLAMP);
  o.max();
  o.setTemp(0); // x
  o.getTemp(0);
  o.getTemp(0);
  o.mul();
  o.setTemp(1); // x^2
  const horner = (coefficients: number[]) => {
    o.constant(coefficients[0]);
    for (const k of coefficients.slice(1)) {
      o.getTemp(1);
      o.mul();
      o.constant(k);
      o.add();
    }
  };
  horner(TANH_ALPHA);
  o.getTemp(0);
  o.mul();
  horner(TANH_BETA);
  o.div();
}

const tanh = elementwise('tanh', 1, (o) => {
  o.load(0);
  pushTanh(o);
});

const tanhGrad = elementwise('tanhGrad', 2, (o) => {
  o.constant(1);
  o.load(0);
  o.load(0);
  o.mul();
  o.sub();
  o.load(1);
  o.mul();
});

const sigmoidGrad = elementwise('sigmoidGrad', 2, (o) => {
  o.load(1);
  o.load(0);
  o.constant(1);
  o.load(0);
  o.sub();
  o.mul();
  o.mul();
});

export const ELEMENTWISE_FUNCTIONS: WasmFunction[] = [tanh, tanhGrad, sigmoidGrad];

export interface ElementwiseKernels {
  tanh(x: number, out: number, n: number): void;
  tanhGrad(y: number, dy: number, out: number, n: number): void;
  sigmoidGrad(y: number, dy: number, out: number, n: number): void;
}
