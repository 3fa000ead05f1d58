// PCA on data whose principal axes and variances are known by construction: a rotated Gaussian cloud.
import { describe, expect, it } from 'vitest';
import { pca2 } from './pca';

/** Box-Muller normal numbers from a fixed LCG. */
function normals(seed: number): () => number {
  let s = seed;
  const uni = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 1) / (2 ** 32 + 1);
  return () => Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
}

describe('pca2', () => {
  it('finds the axes and variance shares of a rotated cloud with standard deviations 5, 2, 0.5 (plus an offset)', () => {
    const n = 4000;
    const rand = normals(42);
    // An orthonormal basis in 3-D, none of it along a coordinate axis.
    const u1 = [2 / 3, 2 / 3, 1 / 3];
    const u2 = [-2 / 3, 1 / 3, 2 / 3];
    const u3 = [1 / 3, -2 / 3, 2 / 3];
    const rows = new Float64Array(n * 3);
    for (let r = 0; r < n; r++) {
      const a = 5 * rand();
      const b = 2 * rand();
      const c = 0.5 * rand();
      for (let j = 0; j < 3; j++) rows[r * 3 + j] = 10 + a * u1[j] + b * u2[j] + c * u3[j];
    }
    const out = pca2(rows, n, 3);
    const dot = (v: ArrayLike<number>, w: number[]) => v[0] * w[0] + v[1] * w[1] + v[2] * w[2];
    expect(Math.abs(dot(out.components[0], u1))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(out.components[1], u2))).toBeGreaterThan(0.995);
    const total = 25 + 4 + 0.25;
    expect(out.explained[0]).toBeCloseTo(25 / total, 1);
    expect(out.explained[1]).toBeCloseTo(4 / total, 1);
    expect(out.coords).toHaveLength(n);
    // Projections are centred and carry the component's variance.
    const m1 = out.coords.reduce((s, c) => s + c[0], 0) / n;
    const v1 = out.coords.reduce((s, c) => s + (c[0] - m1) ** 2, 0) / n;
    expect(Math.abs(m1)).toBeLessThan(1e-9);
    expect(Math.sqrt(v1)).toBeCloseTo(5, 0);
  });

  it('separates two classes that differ along one direction hidden among noisy ones', () => {
    const n = 600;
    const d = 20;
    const rand = normals(7);
    const rows = new Float64Array(n * d);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) rows[r * d + j] = rand() + (j === 13 ? (r % 2 ? 6 : -6) : 0);
    const { coords } = pca2(rows, n, d);
    const sideOf = (r: number) => Math.sign(coords[r][0]);
    const first = sideOf(1);
    for (let r = 0; r < n; r++) expect(sideOf(r)).toBe(r % 2 ? first : -first);
  });
});
