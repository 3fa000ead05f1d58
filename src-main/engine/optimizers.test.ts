import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../../shared/graph/types';
import { clipStatsOf, makeOptimizer, OPTIMIZER_NAMES } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises (w - 3)^2 from w = 0 for some steps; returns the final w. */
function descend(name: OptimizerName, learningRate: number, steps = 200): number {
  const opt = makeOptimizer({ optimizer: name, learningRate, momentum: 0.9 }, tf);
  const w = tf.variable(tf.scalar(0));
  for (let i = 0; i < steps; i++) opt.minimize(() => w.sub(3).square() as tf.Scalar);
  const v = w.dataSync()[0];
  w.dispose();
  opt.dispose();
  return v;
}

describe('makeOptimizer', () => {
  const classes: Record<OptimizerName, string> = {
    sgd: 'SGD',
    momentum: 'Momentum',
    nesterov: 'Momentum',
    adam: 'Adam',
    adamw: 'Adam',
    adamax: 'Adamax',
    rmsprop: 'RMSProp',
    adagrad: 'Adagrad',
    adadelta: 'Adadelta',
  };
  it.each(OPTIMIZER_NAMES)('%s builds the matching tfjs optimizer with the learning rate', (name) => {
    const opt = makeOptimizer({ optimizer: name, learningRate: 0.05, momentum: 0.8 }, tf);
    expect(opt.getClassName()).toBe(classes[name]);
    const config = opt.getConfig();
    expect(config.learningRate).toBe(0.05);
    if (name === 'momentum' || name === 'nesterov') {
      expect(config.momentum).toBe(0.8);
      expect(config.useNesterov).toBe(name === 'nesterov');
    }
  });

  it.each([
    ['sgd', 0.1],
    ['momentum', 0.02],
    ['nesterov', 0.02],
    ['adam', 0.1],
    ['adamw', 0.1],
    ['adamax', 0.1],
    ['rmsprop', 0.05],
    ['adagrad', 1],
  ] as [OptimizerName, number][])('%s actually minimises a quadratic', (name, lr) => {
    expect(descend(name, lr)).toBeCloseTo(3, 1);
  });

  it('adadelta (lr 1, as in Keras) moves steadily towards the minimum instead of oscillating', () => {
    // Zeiler's first step is sqrt(eps) / sqrt((1 - rho) g^2 + eps) * g, about 2.4e-4 here; tfjs 4.22 moved by g = 6.
    const opt = makeOptimizer({ optimizer: 'adadelta', learningRate: 1 }, tf);
    const w = tf.variable(tf.scalar(0));
    const path: number[] = [];
    for (let i = 0; i < 400; i++) {
      opt.minimize(() => w.sub(3).square() as tf.Scalar);
      path.push(w.dataSync()[0]);
    }
    expect(path[0]).toBeCloseTo(Math.sqrt(1e-7) / Math.sqrt(0.05 * 36 + 1e-7) * 6, 6);
    expect(path.every((v, i) => i === 0 || v > path[i - 1])).toBe(true); // monotone, no overshoot
    expect(path[399]).toBeGreaterThan(0.5);
    expect(path[399]).toBeLessThan(3);
    w.dispose();
    opt.dispose();
  });

  it('rejects bad settings with a message naming them', () => {
    expect(() => makeOptimizer({ optimizer: 'adam', learningRate: 0 }, tf)).toThrow(/learningRate.*positive/);
    expect(() => makeOptimizer({ optimizer: 'momentum', learningRate: 0.1, momentum: 1.5 }, tf)).toThrow(/momentum/);
    expect(() => makeOptimizer({ optimizer: 'lion' as OptimizerName, learningRate: 0.1 }, tf)).toThrow(/Unknown optimizer 'lion'.*sgd, momentum/);
  });
});

describe('AdamW', () => {
  it('equals an Adam step followed by shrinking the weights by lr * weightDecay', () => {
    const lr = 0.05;
    const wd = 0.1;
    const adamw = makeOptimizer({ optimizer: 'adamw', learningRate: lr, weightDecay: wd }, tf);
    const adam = tf.train.adam(lr);
    const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
    const ref = tf.variable(tf.tensor1d([1, -2, 0.5]));
    const target = tf.tensor1d([0.3, 0.2, -1]);
    for (let i = 0; i < 5; i++) {
      adamw.minimize(() => w.sub(target).square().sum() as tf.Scalar);
      adam.minimize(() => ref.sub(target).square().sum() as tf.Scalar);
      ref.assign(ref.mul(1 - lr * wd));
    }
    const got = Array.from(w.dataSync());
    const want = Array.from(ref.dataSync());
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    // and it differs from plain Adam (the decay is really applied)
    expect(Math.abs(got[1] - -2)).toBeGreaterThan(0);
    tf.dispose([w, ref, target]);
    adamw.dispose();
    adam.dispose();
  });

  it('decays weights that get a zero gradient by exactly (1 - lr * wd) per step', () => {
    const opt = makeOptimizer({ optimizer: 'adamw', learningRate: 0.1, weightDecay: 0.5 }, tf);
    const w = tf.variable(tf.tensor1d([2, -4]));
    for (let i = 0; i < 3; i++) opt.minimize(() => w.mul(0).sum() as tf.Scalar);
    const [a, b] = Array.from(w.dataSync());
    expect(a).toBeCloseTo(2 * 0.95 ** 3, 5);
    expect(b).toBeCloseTo(-4 * 0.95 ** 3, 5);
    w.dispose();
    opt.dispose();
  });

  it('rejects a weight decay outside [0, 1)', () => {
    expect(() => makeOptimizer({ optimizer: 'adamw', learningRate: 0.1, weightDecay: 2 }, tf)).toThrow(/weightDecay/);
  });
});

describe('gradient clipping', () => {
  /** One SGD step (lr 1) on `loss`; returns how far each variable moved (= the gradient actually applied). */
  function appliedStep(clip: { clipNorm?: number; clipValue?: number }, init: number[][], loss: (vs: tf.Variable[]) => tf.Scalar) {
    const opt = makeOptimizer({ optimizer: 'sgd', learningRate: 1, gradientClip: clip }, tf);
    const vars = init.map((v) => tf.variable(tf.tensor1d(v)));
    const before = vars.map((v) => Array.from(v.dataSync()));
    opt.minimize(() => loss(vars));
    const moved = vars.map((v, i) => Array.from(v.dataSync()).map((x, j) => before[i][j] - x));
    const stats = clipStatsOf(opt);
    tf.dispose(vars);
    opt.dispose();
    return { moved, stats };
  }
  const norm = (parts: number[][]) => Math.sqrt(parts.flat().reduce((a, v) => a + v * v, 0));

  it('clipNorm bounds the global norm of a huge gradient and keeps its direction', () => {
    // loss = 1e6 * |w|^2 at w = (3, 4): gradient 2e6 * (3, 4), norm 1e7.
    const { moved, stats } = appliedStep({ clipNorm: 1 }, [[3, 4]], ([w]) => w.square().sum().mul(1e6) as tf.Scalar);
    expect(stats?.lastNorm).toBeCloseTo(1e7, -1);
    expect(stats?.clippedSteps).toBe(1);
    expect(norm(moved)).toBeCloseTo(1, 5);
    expect(moved[0][0]).toBeCloseTo(0.6, 5);
    expect(moved[0][1]).toBeCloseTo(0.8, 5);
  });

  it('clipNorm is global over all variables, not per variable', () => {
    // loss = a^2 + b^2 at a = 3, b = 4: gradients 6 and 8, global norm 10; clipNorm 5 halves both.
    const { moved } = appliedStep({ clipNorm: 5 }, [[3], [4]], ([a, b]) => a.square().sum().add(b.square().sum()) as tf.Scalar);
    expect(moved[0][0]).toBeCloseTo(3, 5);
    expect(moved[1][0]).toBeCloseTo(4, 5);
  });

  it('leaves gradients within the bound unchanged', () => {
    const { moved, stats } = appliedStep({ clipNorm: 100 }, [[3, 4]], ([w]) => w.square().sum() as tf.Scalar);
    expect(moved[0][0]).toBeCloseTo(6, 5);
    expect(moved[0][1]).toBeCloseTo(8, 5);
    expect(stats?.clippedSteps).toBe(0);
  });

  it('clipValue clips each element; with clipNorm both apply', () => {
    const v = appliedStep({ clipValue: 0.5 }, [[3, -4, 0.1]], ([w]) => w.square().sum().mul(1e6) as tf.Scalar);
    v.moved[0].forEach((m, i) => expect(m).toBeCloseTo([0.5, -0.5, 0.5][i], 6));
    const both = appliedStep({ clipNorm: 1, clipValue: 0.7 }, [[3, 4]], ([w]) => w.square().sum().mul(1e6) as tf.Scalar);
    expect(both.moved[0][0]).toBeCloseTo(0.6, 5);
    expect(both.moved[0][1]).toBeCloseTo(0.7, 5);
  });

  it('keeps stateful optimizers working (Adam slots follow the variable order) and leaks no tensors', () => {
    const opt = makeOptimizer({ optimizer: 'adam', learningRate: 0.1, gradientClip: { clipNorm: 0.5 } }, tf);
    const a = tf.variable(tf.scalar(0));
    const b = tf.variable(tf.scalar(10));
    const step = () => opt.minimize(() => a.sub(3).square().add(b.sub(-2).square()) as tf.Scalar);
    step();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) step();
    expect(tf.memory().numTensors).toBe(count);
    expect(a.dataSync()[0]).toBeCloseTo(3, 1);
    expect(b.dataSync()[0]).toBeCloseTo(-2, 1);
    tf.dispose([a, b]);
    opt.dispose();
  });
});
