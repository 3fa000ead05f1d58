import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../../shared/data/random';
import { seedMathRandom } from '../../training/seed';
import { dropoutMask, fastDropout } from './dropout';

describe('fast dropout', () => {
  it('keeps each element with probability 1 - rate and scales it by 1 / (1 - rate), as tf.dropout does', () => {
    const mask = dropoutMask(200_000, 0.3, mulberry32(7));
    const kept = mask.filter((m) => m !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.7)]));
    expect(kept.length / mask.length).toBeGreaterThan(0.695);
    expect(kept.length / mask.length).toBeLessThan(0.705);
    // the expected value is unchanged, as with inverted dropout
    expect(mask.reduce((s, m) => s + m, 0) / mask.length).toBeCloseTo(1, 2);
  });

  it('repeats with the same seeded Math.random (a run with the same seed drops the same units)', () => {
    const x = tf.ones([64, 16]);
    const run = (seed: number) => {
      const restore = seedMathRandom(seed);
      try {
        return Array.from(fastDropout(tf, x, 0.5).dataSync());
      } finally {
        restore();
      }
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    x.dispose();
  });

  it('passes gradients through the kept elements only, and rate 0 is the identity', () => {
    const x = tf.randomNormal([10, 10]);
    const restore = seedMathRandom(1);
    let y: tf.Tensor;
    let g: tf.Tensor;
    try {
      y = fastDropout(tf, x, 0.4);
      restore();
      const again = seedMathRandom(1);
      g = tf.grad((v: tf.Tensor) => tf.sum(fastDropout(tf, v, 0.4)))(x);
      again();
    } finally {
      restore();
    }
    // dy/dx is the mask: the ratio y / x where x is nonzero
    const [xv, yv, gv] = [x.dataSync(), y.dataSync(), g.dataSync()];
    gv.forEach((d, i) => expect(d).toBeCloseTo(yv[i] / xv[i], 5));
    expect(fastDropout(tf, x, 0)).toBe(x);
    expect(() => fastDropout(tf, x, 1)).toThrow(/\[0, 1\)/);
    tf.dispose([x, y, g]);
  });
});
