// The two per-time-step passes of LayerLab's fused LSTM (./lstm-fused.ts) in plain JavaScript, for backends
// without LayerLab's SIMD kernels (cpu). Same formulas as ../wasm-kernels/simd/lstm.ts; gate order i, f, g, o.
// Rows: xw [batch, T, 4u] (read at time step t), hu and act [batch, 4u], c-like arrays [batch, u],
// dy [batch, Ty, u] (read at step ty).

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export interface CellForward {
  xw: Float32Array;
  t: number;
  steps: number;
  hu: Float32Array;
  cPrev: Float32Array;
  h: Float32Array;
  c: Float32Array;
  act: Float32Array;
  batch: number;
  units: number;
}

export function lstmCellForward({ xw, t, steps, hu, cPrev, h, c, act, batch, units: u }: CellForward): void {
  for (let b = 0; b < batch; b++) {
    const xr = (b * steps + t) * 4 * u;
    const gr = b * 4 * u;
    const ur = b * u;
    for (let j = 0; j < u; j++) {
      const i = sigmoid(xw[xr + j] + hu[gr + j]);
      const f = sigmoid(xw[xr + u + j] + hu[gr + u + j]);
      const g = Math.tanh(xw[xr + 2 * u + j] + hu[gr + 2 * u + j]);
      const o = sigmoid(xw[xr + 3 * u + j] + hu[gr + 3 * u + j]);
      const cn = f * cPrev[ur + j] + i * g;
      act[gr + j] = i;
      act[gr + u + j] = f;
      act[gr + 2 * u + j] = g;
      act[gr + 3 * u + j] = o;
      c[ur + j] = cn;
      h[ur + j] = o * Math.tanh(cn);
    }
  }
}

export interface CellBackward {
  act: Float32Array;
  c: Float32Array;
  cPrev: Float32Array;
  dhRec: Float32Array;
  dy: Float32Array;
  ty: number;
  dySteps: number;
  dc: Float32Array;
  dz: Float32Array;
  dcPrev: Float32Array;
  batch: number;
  units: number;
}

export function lstmCellBackward({ act, c, cPrev, dhRec, dy, ty, dySteps, dc, dz, dcPrev, batch, units: u }: CellBackward): void {
  for (let b = 0; b < batch; b++) {
    const gr = b * 4 * u;
    const ur = b * u;
    const yr = (b * dySteps + ty) * u;
    for (let j = 0; j < u; j++) {
      const i = act[gr + j];
      const f = act[gr + u + j];
      const g = act[gr + 2 * u + j];
      const o = act[gr + 3 * u + j];
      const tc = Math.tanh(c[ur + j]);
      const dh = dhRec[ur + j] + dy[yr + j];
      const dct = dc[ur + j] + dh * o * (1 - tc * tc);
      dz[gr + j] = dct * g * (i * (1 - i));
      dz[gr + u + j] = dct * cPrev[ur + j] * (f * (1 - f));
      dz[gr + 2 * u + j] = dct * i * (1 - g * g);
      dz[gr + 3 * u + j] = dh * tc * (o * (1 - o));
      dcPrev[ur + j] = dct * f;
    }
  }
}
