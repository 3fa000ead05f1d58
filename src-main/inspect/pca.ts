// Principal component analysis to 2-D by power iteration with deflation: the top eigenvectors of the covariance
// X^T X / n are found by multiplying v <- X^T (X v) repeatedly, so no d x d matrix is formed (O(n d) per step).

export interface Pca2 {
  /** n rows of [pc1, pc2]. */
  coords: [number, number][];
  /** Unit principal directions (length d). */
  components: [Float64Array, Float64Array];
  /** Fraction of the total variance along each component. */
  explained: [number, number];
}

/** Deterministic start vector (a fixed pseudo-random sequence), so the same data gives the same picture. */
function startVector(d: number, seed: number): Float64Array {
  const v = new Float64Array(d);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < d; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
  }
  return v;
}

function normalise(v: Float64Array): number {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return n;
}

/** `rows`: n samples of d features (row-major, n * d). Centred here. */
export function pca2(rows: ArrayLike<number>, n: number, d: number, iterations = 200): Pca2 {
  const x = new Float64Array(n * d);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += rows[r * d + j] / n;
  let total = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const v = rows[r * d + j] - mean[j];
      x[r * d + j] = v;
      total += v * v;
    }
  }
  const xv = new Float64Array(n);
  /** out = X^T X v, with the components already found projected out of v (deflation). */
  const covTimes = (v: Float64Array, found: Float64Array[], out: Float64Array) => {
    for (const c of found) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += c[j] * v[j];
      for (let j = 0; j < d; j++) v[j] -= dot * c[j];
    }
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[r * d + j] * v[j];
      xv[r] = s;
    }
    out.fill(0);
    for (let r = 0; r < n; r++) {
      const s = xv[r];
      if (s === 0) continue;
      for (let j = 0; j < d; j++) out[j] += s * x[r * d + j];
    }
  };
  const found: Float64Array[] = [];
  const variances: number[] = [];
  for (let k = 0; k < 2; k++) {
    let v = startVector(d, 7 + k);
    normalise(v);
    let eigen = 0;
    const next = new Float64Array(d);
    for (let it = 0; it < iterations; it++) {
      covTimes(v, found, next);
      // Keep the result orthogonal to earlier components (rounding drifts back towards them).
      for (const c of found) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += c[j] * next[j];
        for (let j = 0; j < d; j++) next[j] -= dot * c[j];
      }
      const norm = normalise(next);
      let change = 0;
      for (let j = 0; j < d; j++) change = Math.max(change, Math.abs(next[j] - v[j]));
      v = Float64Array.from(next);
      eigen = norm;
      if (norm === 0 || change < 1e-9) break;
    }
    found.push(v);
    variances.push(eigen);
  }
  const coords: [number, number][] = [];
  for (let r = 0; r < n; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      a += x[r * d + j] * found[0][j];
      b += x[r * d + j] * found[1][j];
    }
    coords.push([a, b]);
  }
  const share = (v: number) => (total > 0 ? v / total : 0);
  return { coords, components: [found[0], found[1]], explained: [share(variances[0]), share(variances[1])] };
}
