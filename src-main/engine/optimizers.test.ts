import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../../shared/graph/types';
import { makeOptimizer, OPTIMIZER_NAMES } from './optimizers';

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
