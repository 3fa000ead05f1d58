import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api';
import type { DatasetPreview } from '../../../shared/data/preview';
import type { DatasetConfig } from '../../../shared/graph/types';
import { createPreviewStore } from './previewStore';

const config = (id: string): DatasetConfig => ({ id, representation: 'vector', labels: 'onehot', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 });
const previewOf = (id: string) => ({ id, name: id, task: 'classification', shapes: { features: {}, targets: {} }, sizes: { train: 1, validation: 0, test: 0 }, stats: {}, samples: [] }) as DatasetPreview;

/** A fake api whose answers the test releases by hand, in any order. */
function controlledApi() {
  const pending: { id: string; resolve(p: DatasetPreview): void; reject(e: Error): void }[] = [];
  let calls = 0;
  return {
    pending,
    calls: () => calls,
    api: {
      previewDataset: (req: { dataset: DatasetConfig; samples?: number }) => {
        calls++;
        return new Promise<DatasetPreview>((resolve, reject) => pending.push({ id: req.dataset.id, resolve, reject }));
      },
    },
  };
}

describe('preview store', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const fake = controlledApi();
    const store = createPreviewStore(fake.api);
    const first = store.getState().load(config('a'));
    const second = store.getState().load(config('b'));
    fake.pending[1].resolve(previewOf('b'));
    await second;
    fake.pending[0].resolve(previewOf('a'));
    await first;
    expect(store.getState()).toMatchObject({ status: 'ready', preview: { id: 'b' } });
  });

  it('does not ask twice for the same setting, but does after an error or when forced', async () => {
    const fake = controlledApi();
    const store = createPreviewStore(fake.api);
    const p = store.getState().load(config('a'));
    void store.getState().load(config('a'));
    expect(fake.calls()).toBe(1);
    fake.pending[0].reject(new ApiError('invalid', 'previewDataset: /x/train-images-idx3-ubyte: wrong magic number'));
    await p;
    expect(store.getState()).toMatchObject({ status: 'error', errorCode: 'invalid', error: 'previewDataset: /x/train-images-idx3-ubyte: wrong magic number' });
    void store.getState().load(config('a'));
    expect(fake.calls()).toBe(2);
    void store.getState().load(config('a'), true);
    expect(fake.calls()).toBe(3);
  });

  it('closing forgets the request so reopening loads again', async () => {
    const fake = controlledApi();
    const store = createPreviewStore(fake.api);
    store.getState().show();
    const p = store.getState().load(config('a'));
    store.getState().close();
    fake.pending[0].resolve(previewOf('a'));
    await p;
    expect(store.getState()).toMatchObject({ open: false, status: 'idle' });
    void store.getState().load(config('a'));
    expect(fake.calls()).toBe(2);
  });

  it("keeps the host's 'forbidden' code, so the panel can offer to allow the path, and clears it on the next load", async () => {
    const fake = controlledApi();
    const store = createPreviewStore(fake.api);
    const p = store.getState().load(config('a'));
    fake.pending[0].reject(new ApiError('forbidden', 'previewDataset: the dataset path /etc/passwd has not been allowed on this computer.'));
    await p;
    expect(store.getState()).toMatchObject({ status: 'error', errorCode: 'forbidden' });
    const again = store.getState().load(config('a'), true);
    expect(store.getState()).toMatchObject({ status: 'loading', errorCode: null });
    fake.pending[1].resolve(previewOf('a'));
    await again;
    expect(store.getState()).toMatchObject({ status: 'ready', errorCode: null });
  });
});
