import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LrScheduler, optimizerLearningRate, setOptimizerLearningRate } from './schedules';
import { makeOptimizer } from './optimizers';
import type { OptimizerName } from '../../shared/graph/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const seq = (s: LrScheduler, n: number) => Array.from({ length: n }, (_, e) => s.lrFor(e));

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `epoch ${i}`).toBeCloseTo(expected[i], 12));
}

describe('LrScheduler', () => {
  it("'none' (and no schedule) keeps the base rate", () => {
    expect(seq(new LrScheduler(undefined, 0.01, 5), 5)).toEqual([0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(seq(new LrScheduler({ type: 'none' }, 0.01, 3), 3)).toEqual([0.01, 0.01, 0.01]);
  });

  it("'step' multiplies by gamma every stepEpochs epochs", () => {
    expectClose(seq(new LrScheduler({ type: 'step', stepEpochs: 2, gamma: 0.5 }, 0.1, 7), 7), [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
    // Defaults: every 10 epochs by 0.1.
    const d = new LrScheduler({ type: 'step' }, 1, 30);
    expect([d.lrFor(9), d.lrFor(10), d.lrFor(20)].map((v) => +v.toPrecision(6))).toEqual([1, 0.1, 0.01]);
  });

  it("'exponential' multiplies by gamma every epoch", () => {
    expectClose(seq(new LrScheduler({ type: 'exponential', gamma: 0.9 }, 0.01, 4), 4), [0.01, 0.009, 0.0081, 0.00729]);
  });

  it("'cosine' anneals from the base rate towards minLr over the run (T_max = epochs)", () => {
    const s = new LrScheduler({ type: 'cosine', minLr: 0.001 }, 0.011, 4);
    // minLr + (base - minLr) * (1 + cos(pi * e / 4)) / 2
    expectClose(seq(s, 5), [0.011, 0.001 + 0.01 * (1 + Math.SQRT1_2) / 2, 0.006, 0.001 + 0.01 * (1 - Math.SQRT1_2) / 2, 0.001]);
  });

  it("'plateau' reduces by factor once the value has not improved for more than patience epochs, not below minLr", () => {
    const s = new LrScheduler({ type: 'plateau', patience: 2, factor: 0.5, minLr: 0.02 }, 0.1, 20);
    const losses = [1.0, 0.8, 0.8, 0.81, 0.79, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
    const lrs: number[] = [];
    const messages: (string | null)[] = [];
    losses.forEach((loss, e) => {
      lrs.push(s.lrFor(e));
      messages.push(s.observe(loss));
    });
    // Epochs 2 and 3 do not improve on 0.8 (wait 1, 2); epoch 4 improves; 5, 6 wait; 7 is the 3rd -> halve.
    expect(lrs.slice(0, 8)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(messages[7]).toMatch(/0\.100 -> 0\.0500/);
    expect(lrs[8]).toBeCloseTo(0.05, 12);
    // Three more bad epochs (8, 9, 10) -> 0.025; then three more -> floor 0.02.
    expect(lrs[11]).toBeCloseTo(0.025, 12);
    expect(s.lrFor(13)).toBeCloseTo(0.025, 12);
    s.observe(0.9);
    expect(s.lrFor(14)).toBeCloseTo(0.02, 12);
    for (let i = 0; i < 10; i++) s.observe(0.9);
    expect(s.lrFor(30)).toBe(0.02);
  });

  it('rejects an unknown schedule', () => {
    expect(() => new LrScheduler({ type: 'linear' as 'step' }, 0.1, 3)).toThrow(/Unknown learning-rate schedule 'linear'/);
  });
});

describe('setOptimizerLearningRate', () => {
  // One step on f(w) = w^2 / 2 from w = 1 (gradient 1): SGD moves by exactly lr.
  it.each(['sgd', 'momentum', 'nesterov'] as OptimizerName[])('%s takes steps of the new rate', (name) => {
    const opt = makeOptimizer({ optimizer: name, learningRate: 0.1, momentum: 0 }, tf);
    const w = tf.variable(tf.scalar(1));
    setOptimizerLearningRate(opt, 0.25);
    expect(optimizerLearningRate(opt)).toBe(0.25);
    opt.minimize(() => w.square().div(2) as tf.Scalar);
    expect(w.dataSync()[0]).toBeCloseTo(0.75, 6);
    w.dispose();
    opt.dispose();
  });

  it.each(['adam', 'adamw', 'adamax', 'rmsprop', 'adagrad'] as OptimizerName[])('%s scales its step with the rate', (name) => {
    const step = (lr: number) => {
      const opt = makeOptimizer({ optimizer: name, learningRate: 0.5, weightDecay: 0 }, tf);
      setOptimizerLearningRate(opt, lr);
      const w = tf.variable(tf.scalar(1));
      opt.minimize(() => w.square().div(2) as tf.Scalar);
      const moved = 1 - w.dataSync()[0];
      w.dispose();
      opt.dispose();
      return moved;
    };
    const small = step(0.001);
    const big = step(0.01);
    expect(small).toBeGreaterThan(0);
    expect(big / small).toBeCloseTo(10, 3);
  });
});
