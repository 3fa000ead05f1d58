// The training settings added for issue 5 (schedule, early stopping, clipping, AdamW) survive the
// graph-file boundary, and bad values are named with their path.
import { describe, expect, it } from 'vitest';
import { GraphFileError, parseGraphFile, serializeGraph } from './validate';
import { emptyGraph } from './defaults';
import type { GraphFile, TrainingConfig } from './types';

function withTraining(patch: Record<string, unknown>): string {
  const g = emptyGraph() as GraphFile;
  return JSON.stringify({ ...g, training: { ...g.training, ...patch } });
}

function problem(patch: Record<string, unknown>): string {
  try {
    parseGraphFile(withTraining(patch));
  } catch (err) {
    expect(err).toBeInstanceOf(GraphFileError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('training settings: schedule, early stopping, clipping, AdamW', () => {
  const full: Partial<TrainingConfig> = {
    optimizer: 'adamw',
    weightDecay: 0.05,
    lrSchedule: { type: 'plateau', patience: 3, factor: 0.5, minLr: 1e-5 },
    earlyStopping: { monitor: 'val_acc', patience: 4, minDelta: 0.001, restoreBest: false },
    gradientClip: { clipNorm: 1, clipValue: 0.5 },
    seed: 11,
  };

  it('keeps every new field through parse and serialize', () => {
    const parsed = parseGraphFile(withTraining(full));
    expect(parsed.training).toMatchObject(full);
    expect(parseGraphFile(serializeGraph(parsed)).training).toEqual(parsed.training);
  });

  it('leaves them out when absent (old files train as before)', () => {
    const t = parseGraphFile(withTraining({})).training;
    expect(t.lrSchedule).toBeUndefined();
    expect(t.earlyStopping).toBeUndefined();
    expect(t.gradientClip).toBeUndefined();
    expect(t.weightDecay).toBeUndefined();
  });

  it('names the bad field', () => {
    expect(problem({ lrSchedule: { type: 'linear' } })).toMatch(/^training\.lrSchedule\.type: must be one of none, step, exponential, cosine, plateau/);
    expect(problem({ lrSchedule: { type: 'step', stepEpochs: 0 } })).toMatch(/^training\.lrSchedule\.stepEpochs/);
    expect(problem({ lrSchedule: { type: 'plateau', factor: 1.5 } })).toMatch(/^training\.lrSchedule\.factor/);
    expect(problem({ earlyStopping: { monitor: 'val_los', patience: 3 } })).toMatch(/did you mean 'val_loss'/);
    expect(problem({ earlyStopping: { monitor: 'loss' } })).toMatch(/^training\.earlyStopping\.patience: must be a number/);
    expect(problem({ earlyStopping: { monitor: 'loss', patience: 2, restoreBest: 'yes' } })).toMatch(/^training\.earlyStopping\.restoreBest: must be true or false/);
    expect(problem({ gradientClip: { clipNorm: -1 } })).toMatch(/^training\.gradientClip\.clipNorm: must be greater than 0/);
    expect(problem({ gradientClip: 5 })).toMatch(/^training\.gradientClip: must be the gradient-clipping object/);
    expect(problem({ weightDecay: 3 })).toMatch(/^training\.weightDecay/);
  });
});

describe('training settings: engine and PyTorch layout', () => {
  const torch: Partial<TrainingConfig> = { engine: 'pytorch', pytorch: { device: 'cuda', procsPerNode: 4, nodes: 2, rendezvous: '10.0.0.5:29501' } };

  it('keeps them through parse and serialize, and leaves them out when absent', () => {
    const parsed = parseGraphFile(withTraining(torch));
    expect(parsed.training).toMatchObject(torch);
    expect(parseGraphFile(serializeGraph(parsed)).training).toEqual(parsed.training);
    const plain = parseGraphFile(withTraining({})).training;
    expect(plain.engine).toBeUndefined();
    expect(plain.pytorch).toBeUndefined();
    expect(parseGraphFile(withTraining({ pytorch: { rendezvous: '[fe80::1]:29500' } })).training.pytorch?.rendezvous).toBe('[fe80::1]:29500');
  });

  it('names the bad field; a rendezvous address can never carry shell text', () => {
    expect(problem({ engine: 'jax' })).toMatch(/^training\.engine: must be one of tfjs, pytorch/);
    expect(problem({ pytorch: { device: 'tpu' } })).toMatch(/^training\.pytorch\.device: must be one of auto, cpu, cuda/);
    expect(problem({ pytorch: { procsPerNode: 0 } })).toMatch(/^training\.pytorch\.procsPerNode/);
    expect(problem({ pytorch: { nodes: 2000 } })).toMatch(/^training\.pytorch\.nodes/);
    expect(problem({ pytorch: { rendezvous: 'host:29500; rm -rf ~' } })).toMatch(/^training\.pytorch\.rendezvous: must be host:port/);
    expect(problem({ pytorch: { rendezvous: '$(id):1' } })).toMatch(/^training\.pytorch\.rendezvous: must be host:port/);
    expect(problem({ pytorch: { rendezvous: 'host:70000' } })).toMatch(/^training\.pytorch\.rendezvous: the port must be 1 to 65535/);
    expect(problem({ pytorch: 'fast' })).toMatch(/^training\.pytorch: must be the PyTorch engine settings object/);
  });
});
