// The update rules the optimizer help shows (shared/training-help/optimizers.ts) are the ones the engine runs:
// each is written out here in plain arithmetic, exactly as the help states it, and compared with a few steps
// of the engine's optimizer.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../../shared/graph/types';
import { OPTIMIZER_HELP } from '../../shared/training-help';
import { makeOptimizer, OPTIMIZER_NAMES } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const LR = 0.05;
const MU = 0.9;
const WEIGHT_DECAY = 0.1;
const EPS = 1e-7;
/** L(w) = Σ c_i (w_i − 3)² / 2, so g_i = c_i (w_i − 3): gradients of very different sizes per weight. */
const C = [0.01, 1, 20];
const START = [0, 1, -2];
const STEPS = 4;

type State = Record<string, number>;
/** One weight's update as the help writes it: takes w, g, the step number t (1-based) and that weight's state. */
type Rule = (w: number, g: number, t: number, s: State) => number;

const rules: Record<OptimizerName, Rule> = {
  sgd: (w, g) => w - LR * g,
  momentum: (w, g, _t, s) => {
    s.v = MU * (s.v ?? 0) + g;
    return w - LR * s.v;
  },
  nesterov: (w, g, _t, s) => {
    s.v = MU * (s.v ?? 0) + g;
    return w - LR * (g + MU * s.v);
  },
  adam: (w, g, t, s) => adamStep(w, g, t, s),
  adamw: (w, g, t, s) => {
    const after = adamStep(w, g, t, s);
    return after - LR * WEIGHT_DECAY * after;
  },
  adamax: (w, g, t, s) => {
    s.m = 0.9 * (s.m ?? 0) + 0.1 * g;
    s.u = Math.max(0.999 * (s.u ?? 0), Math.abs(g));
    return w - (LR / (1 - 0.9 ** t)) * (s.m / (s.u + EPS));
  },
  rmsprop: (w, g, _t, s) => {
    s.s = 0.9 * (s.s ?? 0) + 0.1 * g * g;
    return w - (LR * g) / Math.sqrt(s.s + EPS);
  },
  adagrad: (w, g, _t, s) => {
    s.G = (s.G ?? 0.1) + g * g;
    return w - (LR * g) / Math.sqrt(s.G + EPS);
  },
  adadelta: (w, g, _t, s) => {
    s.s = 0.95 * (s.s ?? 0) + 0.05 * g * g;
    const delta = (Math.sqrt((s.d ?? 0) + EPS) / Math.sqrt(s.s + EPS)) * g;
    s.d = 0.95 * (s.d ?? 0) + 0.05 * delta * delta;
    return w - LR * delta;
  },
};

function adamStep(w: number, g: number, t: number, s: State): number {
  s.m = 0.9 * (s.m ?? 0) + 0.1 * g;
  s.v = 0.999 * (s.v ?? 0) + 0.001 * g * g;
  const mHat = s.m / (1 - 0.9 ** t);
  const vHat = s.v / (1 - 0.999 ** t);
  return w - (LR * mHat) / (Math.sqrt(vHat) + EPS);
}

function byRule(rule: Rule): number[] {
  const w = [...START];
  const states: State[] = w.map(() => ({}));
  for (let t = 1; t <= STEPS; t++) {
    for (let i = 0; i < w.length; i++) w[i] = rule(w[i], C[i] * (w[i] - 3), t, states[i]);
  }
  return w;
}

function byEngine(name: OptimizerName): number[] {
  const opt = makeOptimizer({ optimizer: name, learningRate: LR, momentum: MU, weightDecay: WEIGHT_DECAY }, tf);
  const w = tf.variable(tf.tensor1d(START));
  const c = tf.tensor1d(C);
  for (let t = 0; t < STEPS; t++) opt.minimize(() => tf.sum(tf.mul(c, tf.square(tf.sub(w, 3)))).div(2) as tf.Scalar);
  const out = Array.from(w.dataSync());
  tf.dispose([w, c]);
  opt.dispose();
  return out;
}

describe('optimizer help formulas', () => {
  it.each(OPTIMIZER_NAMES)('%s: the help\'s update rule gives the engine\'s weights', (name) => {
    expect(OPTIMIZER_HELP[name].formula.length).toBeGreaterThan(10);
    const expected = byRule(rules[name]);
    const got = byEngine(name);
    // Nothing to compare if the weights did not move.
    expect(got.some((v, i) => Math.abs(v - START[i]) > 1e-4), `${name} moved`).toBe(true);
    for (let i = 0; i < got.length; i++) expect(got[i], `${name} weight ${i}`).toBeCloseTo(expected[i], 4);
  });

  it('Adam\'s first step moves every weight by η, whatever the size of its gradient (bias correction)', () => {
    const opt = makeOptimizer({ optimizer: 'adam', learningRate: LR }, tf);
    const w = tf.variable(tf.tensor1d(START));
    const c = tf.tensor1d(C);
    opt.minimize(() => tf.sum(tf.mul(c, tf.square(tf.sub(w, 3)))).div(2) as tf.Scalar);
    const moved = Array.from(w.dataSync()).map((v, i) => v - START[i]);
    tf.dispose([w, c]);
    opt.dispose();
    for (const d of moved) expect(Math.abs(d)).toBeCloseTo(LR, 4);
    expect(OPTIMIZER_HELP.adam.intuition).toMatch(/every weight moves by η/);
  });
});
