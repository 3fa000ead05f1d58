// The fused LSTM (lstm-fused.ts) against tfjs's stock LSTM layer on the cpu backend: outputs, final states and
// the gradients with respect to every weight, the inputs and the initial states, on cpu (JavaScript step
// kernels) and on wasm (SIMD step kernels), across returnSequences / returnState / initial state /
// goBackwards, batch 1 and more, several lengths. Also: where the fused path must not run, it does not.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { prepareEngine } from '../setup';
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL } from '../wasm-kernels/lstm-cell';
import { rnnClasses } from './recurrent';

beforeAll(async () => {
  const info = await initBackend('wasm');
  if (info.name !== 'wasm') throw new Error(`these tests need the wasm backend: ${info.reason}`);
  prepareEngine(tf);
});

interface Case {
  batch: number;
  steps: number;
  dim: number;
  units: number;
  returnSequences: boolean;
  returnState: boolean;
  initialState: boolean;
  goBackwards: boolean;
}

/** Outputs, then d(loss)/d(x, h0?, c0?, kernel, recurrent kernel, bias) of a random linear loss of all outputs. */
function runLstm(kind: 'stock' | 'layerlab', k: Case, extra: Record<string, unknown> = {}): Float32Array[] {
  const values = tf.tidy(() => {
    const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
    const x = tf.variable(rand([k.batch, k.steps, k.dim], 1));
    const h0 = tf.variable(rand([k.batch, k.units], 2));
    const c0 = tf.variable(rand([k.batch, k.units], 3));
    const config = { units: k.units, recurrentActivation: 'sigmoid' as const, returnSequences: k.returnSequences, returnState: k.returnState, goBackwards: k.goBackwards, ...extra };
    const layer = kind === 'stock' ? tf.layers.lstm(config) : new (rnnClasses(tf).LSTM)(config);
    tf.dispose(layer.apply(x, k.initialState ? { initialState: [h0, c0] } : undefined) as tf.Tensor); // builds it
    layer.setWeights([rand([k.dim, 4 * k.units], 4).mul(0.5), rand([k.units, 4 * k.units], 5).mul(0.5), rand([4 * k.units], 6).mul(0.5)]);
    const vars = [x, ...(k.initialState ? [h0, c0] : []), ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
    let outs: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const o = layer.apply(x, k.initialState ? { initialState: [h0, c0] } : undefined) as tf.Tensor | tf.Tensor[];
      outs = (Array.isArray(o) ? o : [o]).map((t) => tf.keep(t));
      return outs.map((t, i) => tf.sum(tf.mul(t, rand(t.shape, 10 + i)))).reduce((a, b) => tf.add(a, b)) as tf.Scalar;
    }, vars);
    value.dispose();
    const result = [...outs, ...vars.map((v) => grads[v.name])].map((t) => Float32Array.from(t.dataSync()));
    tf.dispose(outs);
    return result;
  });
  return values;
}

function maxRelativeGap(got: Float32Array[], want: Float32Array[]): { worst: number; at: number } {
  expect(got.length).toBe(want.length);
  let worst = 0;
  let at = -1;
  want.forEach((w, i) => {
    expect(got[i].length, `tensor ${i} size`).toBe(w.length);
    let scale = 1;
    let gap = 0;
    for (let j = 0; j < w.length; j++) {
      scale = Math.max(scale, Math.abs(w[j]));
      gap = Math.max(gap, Math.abs(got[i][j] - w[j]));
    }
    if (!(gap / scale <= worst)) {
      worst = gap / scale;
      at = i;
    }
  });
  return { worst, at };
}

const cases: Case[] = [];
for (const returnSequences of [false, true]) {
  for (const returnState of [false, true]) {
    for (const initialState of [false, true]) {
      for (const goBackwards of [false, true]) cases.push({ batch: 3, steps: 5, dim: 4, units: 6, returnSequences, returnState, initialState, goBackwards });
    }
  }
}
// (Not 1 step: there the stock layer's gradient fails, in tfjs's Unpack gradient, so it is no reference.)
cases.push({ batch: 1, steps: 2, dim: 2, units: 4, returnSequences: true, returnState: true, initialState: true, goBackwards: false });
cases.push({ batch: 1, steps: 7, dim: 3, units: 8, returnSequences: false, returnState: true, initialState: false, goBackwards: true });
cases.push({ batch: 5, steps: 9, dim: 7, units: 9, returnSequences: true, returnState: true, initialState: true, goBackwards: true });

const label = (k: Case) =>
  `batch ${k.batch}, ${k.steps} steps, ${k.dim}->${k.units}` +
  `${k.returnSequences ? ', sequences' : ''}${k.returnState ? ', states' : ''}${k.initialState ? ', initial state' : ''}${k.goBackwards ? ', backwards' : ''}`;

describe('fused LSTM against the stock tfjs LSTM (cpu reference)', () => {
  for (const k of cases) {
    it(label(k), async () => {
      await tf.setBackend('cpu');
      const want = runLstm('stock', k);
      const cpu = runLstm('layerlab', k);
      await tf.setBackend('wasm');
      const wasm = runLstm('layerlab', k);
      const outputs = k.returnState ? 3 : 1;
      const gradients = 1 + (k.initialState ? 2 : 0) + 3;
      expect(want.length).toBe(outputs + gradients);
      for (const [backend, got] of [['cpu', cpu], ['wasm', wasm]] as const) {
        const { worst, at } = maxRelativeGap(got, want);
        expect(worst, `${backend}: largest gap in tensor ${at} (outputs first, then gradients of x, states, kernel, recurrent kernel, bias)`).toBeLessThan(1e-5);
      }
    });
  }
});

describe('where the fused LSTM runs', () => {
  async function kernelsOf(extra: Record<string, unknown>, kwargs?: Record<string, unknown>): Promise<string[]> {
    const info = await tf.profile(() => {
      tf.tidy(() => {
        const layer = new (rnnClasses(tf).LSTM)({ units: 4, recurrentActivation: 'sigmoid', ...extra });
        layer.apply(tf.ones([2, 3, 5]), kwargs);
      });
    });
    return info.kernelNames;
  }

  it('runs its step kernels (and no Split or Sigmoid) on cpu and wasm by default', async () => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const names = await kernelsOf({});
      expect(names, backend).toContain(LSTM_CELL_KERNEL);
      expect(names, backend).not.toContain('SplitV');
      expect(names, backend).not.toContain('Sigmoid');
    }
  });

  it('falls back to tfjs where it does not apply: dropout, recurrent dropout, hardSigmoid gates, relu, stateful', async () => {
    await tf.setBackend('wasm');
    for (const extra of [{ dropout: 0.3 }, { recurrentDropout: 0.3 }, { recurrentActivation: 'hardSigmoid' }, { activation: 'relu' }, { stateful: true, batchInputShape: [2, 3, 5] }]) {
      const names = await kernelsOf(extra, { training: true });
      expect(names, JSON.stringify(extra)).not.toContain(LSTM_CELL_KERNEL);
      expect(names, JSON.stringify(extra)).toContain('SplitV');
    }
  });

  it('the step kernels exist on cpu and wasm, and the gradient one is used in training', async () => {
    for (const backend of ['cpu', 'wasm']) {
      expect(tf.getKernel(LSTM_CELL_KERNEL, backend), backend).toBeDefined();
      expect(tf.getKernel(LSTM_CELL_GRAD_KERNEL, backend), backend).toBeDefined();
    }
    await tf.setBackend('wasm');
    const layer = new (rnnClasses(tf).LSTM)({ units: 4, recurrentActivation: 'sigmoid' });
    const x = tf.ones([2, 3, 5]);
    tf.dispose(layer.apply(x) as tf.Tensor); // builds it
    const info = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar);
      tf.dispose([value, ...Object.values(grads)]);
    });
    expect(info.kernelNames).toContain(LSTM_CELL_GRAD_KERNEL);
  });

  it('keeps no tensors after training steps or inference (cpu and wasm)', async () => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const layer = new (rnnClasses(tf).LSTM)({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true, returnState: true });
      const x = tf.ones([2, 3, 5]);
      tf.dispose(layer.apply(x) as tf.Tensor[]); // builds it
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const { value, grads } = tf.variableGrads(() => tf.sum((layer.apply(x) as tf.Tensor[])[0]) as tf.Scalar);
        tf.dispose([value, ...Object.values(grads)]);
        tf.dispose(layer.apply(x) as tf.Tensor[]);
      }
      expect(tf.memory().numTensors, backend).toBe(before);
      x.dispose();
    }
  });
});
