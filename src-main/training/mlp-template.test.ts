// Issue 2's bar: the MLP 784-1024-512-512-10 template, as shipped, reaches at least 90% validation
// accuracy on the bundled digits, trained through the same job code the worker runs (wasm backend).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TrainEventBody } from '../../shared/api';
import { getTemplate } from '../../shared/templates';
import { runJob } from './job';
import { TrainControl } from './control';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-mlp-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('MLP MNIST template', () => {
  it('reaches >= 90% validation accuracy on the bundled digits', async () => {
    const template = structuredClone(getTemplate('mlp-mnist')!.graph);
    // The template's own dataset and optimizer settings; only the epoch count is cut for test time.
    template.training = { ...template.training, epochs: 2, backend: 'wasm' };
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'mlp', graph: template, runDir: path.join(tmp, 'mlp'), cacheDir: tmp }, (e) => events.push(e), new TrainControl());
    const started = events.find((e) => e.type === 'started');
    const done = events[events.length - 1];
    const epochs = events.filter((e): e is Extract<TrainEventBody, { type: 'epoch' }> => e.type === 'epoch');
    console.log(
      `MLP template on ${started?.type === 'started' ? `${started.trainSamples} train / ${started.valSamples} val digits, ${started.backend.name}` : '?'}: ` +
        epochs.map((e) => `epoch ${e.epoch + 1} val_acc ${e.metrics.val_acc?.toFixed(4)}`).join(', '),
    );
    expect(done).toMatchObject({ type: 'done', status: 'completed' });
    expect(started).toMatchObject({ paramCount: 1_596_426 });
    expect(epochs[epochs.length - 1].metrics.val_acc).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
