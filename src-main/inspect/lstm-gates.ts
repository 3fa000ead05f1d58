// An LSTM's gates over time for one sequence, recomputed from the layer's own weights (Keras/tfjs layout: kernel
// [in, 4U], recurrent kernel [U, 4U], bias [4U], gate order i, f, c~, o):
//   i = σ(x W_i + h U_i + b_i), f = σ(...), c~ = tanh(...), o = σ(...), c = f c + i c~, h = o tanh(c).
// tfjs only returns h (and the last c); the gates are what a learner wants to see. Plain loops: T x 4U x (in + U)
// multiply-adds, microseconds for the sizes a learner trains here.

export interface LstmWeights {
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array | null;
  inputDim: number;
  units: number;
  /** tfjs activation names: 'tanh' and 'sigmoid' (LayerLab's builder), or 'hardSigmoid', 'relu', 'linear'. */
  activation: string;
  recurrentActivation: string;
}

/** Each [T * U] row-major. */
export interface LstmTrace {
  i: Float32Array;
  f: Float32Array;
  o: Float32Array;
  c: Float32Array;
  h: Float32Array;
}

function activationFn(name: string): (v: number) => number {
  switch (name) {
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (v) => 1 / (1 + Math.exp(-v));
    case 'hardSigmoid': // tfjs: clip(0.2 x + 0.5, 0, 1)
      return (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5));
    case 'relu':
      return (v) => Math.max(0, v);
    case 'linear':
      return (v) => v;
    default:
      throw new Error(`LSTM gates: activation '${name}' is not supported here`);
  }
}

/** Runs the LSTM over `x` ([T * inputDim], one sequence) from zero state, recording every gate. */
export function lstmTrace(x: ArrayLike<number>, steps: number, w: LstmWeights): LstmTrace {
  const { inputDim: n, units: u } = w;
  const act = activationFn(w.activation);
  const rec = activationFn(w.recurrentActivation);
  const trace: LstmTrace = { i: new Float32Array(steps * u), f: new Float32Array(steps * u), o: new Float32Array(steps * u), c: new Float32Array(steps * u), h: new Float32Array(steps * u) };
  let h = new Float64Array(u);
  let c = new Float64Array(u);
  const z = new Float64Array(4 * u);
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < 4 * u; j++) z[j] = w.bias ? w.bias[j] : 0;
    for (let k = 0; k < n; k++) {
      const xv = x[t * n + k];
      if (xv === 0) continue;
      const row = k * 4 * u;
      for (let j = 0; j < 4 * u; j++) z[j] += xv * w.kernel[row + j];
    }
    for (let k = 0; k < u; k++) {
      const hv = h[k];
      if (hv === 0) continue;
      const row = k * 4 * u;
      for (let j = 0; j < 4 * u; j++) z[j] += hv * w.recurrentKernel[row + j];
    }
    const nextH = new Float64Array(u);
    const nextC = new Float64Array(u);
    for (let j = 0; j < u; j++) {
      const ig = rec(z[j]);
      const fg = rec(z[u + j]);
      const cand = act(z[2 * u + j]);
      const og = rec(z[3 * u + j]);
      nextC[j] = fg * c[j] + ig * cand;
      nextH[j] = og * act(nextC[j]);
      const at = t * u + j;
      trace.i[at] = ig;
      trace.f[at] = fg;
      trace.o[at] = og;
      trace.c[at] = nextC[j];
      trace.h[at] = nextH[j];
    }
    h = nextH;
    c = nextC;
  }
  return trace;
}
