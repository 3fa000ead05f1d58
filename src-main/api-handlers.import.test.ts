// importModel over the api: File > Open of a Keras / tfjs model.json imports it with the CLI's importer, in
// the job worker process; the payload is checked at the boundary and an unsupported file comes back
// 'invalid' naming the layer, so the renderer can show it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandlers, dispatch } from './api-handlers';
import { fakeDeps } from './api-handlers.fakes';
import { createServiceDeps } from './host-deps';
import { forkJobWorkerFactory, forkWorkerFactory } from './web/fork-worker';
import { inferGraph } from '../shared/infer';

const KERAS_CNN = JSON.stringify({
  class_name: 'Sequential',
  config: {
    name: 'small_cnn',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', name: 'input_1' } },
      { class_name: 'Conv2D', config: { name: 'conv2d', filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], activation: 'relu' } },
      { class_name: 'Flatten', config: { name: 'flatten' } },
      { class_name: 'Dense', config: { name: 'dense', units: 10, activation: 'softmax', use_bias: true } },
    ],
  },
});

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

describe('importModel', () => {
  it('refuses bad payloads with a message naming the field, and says when the host cannot import', async () => {
    const handlers = createApiHandlers(fakeDeps());
    const bad = async (payload: unknown) => {
      const res = await dispatch(handlers, 'importModel', payload);
      return res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`;
    };
    expect(await bad({ content: 42, name: 'x' })).toMatch(/^invalid: importModel: 'content' must be a string/);
    expect(await bad({ content: '{}', name: '' })).toMatch(/^invalid: importModel: 'name' must be a non-empty string/);
    expect(await bad({ content: '{}', name: 'model' })).toBe('unsupported: importModel: this host cannot import models');
  });

  it('imports a Keras config in the job worker, and names an unsupported layer', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-import-api-'));
    homes.push(dataDir);
    const services = createServiceDeps({ host: 'web', version: 'test', dataDir, spawnWorker: forkWorkerFactory(), spawnJobWorker: forkJobWorkerFactory() });
    try {
      const handlers = createApiHandlers({ ...services.deps, files: { open: async () => ({ canceled: true }), save: async () => ({ canceled: true }) } });
      const { graph } = await handlers.importModel({ content: KERAS_CNN, name: 'small cnn' });
      expect(graph.name).toBe('small cnn');
      expect(graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'Flatten', 'Dense', 'Output']);
      // 3*3*1*8 + 8 = 80, then 28*28*8 * 10 + 10 = 62,730.
      expect(inferGraph(graph).totalParams).toBe(80 + 62_730);

      const lambda = JSON.stringify({
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } }, { class_name: 'Lambda', config: { name: 'my_lambda' } }] },
      });
      const refused = await dispatch(handlers, 'importModel', { content: lambda, name: 'x' });
      expect(refused.ok ? refused.result : refused.error).toEqual({
        code: 'invalid',
        message: "importModel: Layer 'my_lambda' has class 'Lambda', which LayerLab cannot import (no matching layer kind)",
        detail: expect.objectContaining({ code: 'import.failed' }),
      });
      const notJson = await dispatch(handlers, 'importModel', { content: '{"modelTopology": ', name: 'x' });
      expect(notJson.ok ? 'ok' : notJson.error.code).toBe('invalid');
    } finally {
      await services.dispose();
    }
  });
});
