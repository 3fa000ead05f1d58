import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../../shared/api';
import { BatchHistory, RunStore, isRunId, newRunId, summaryOf } from './run-store';
import { mlpGraph } from './testing/fixtures';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-runs-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

function record(id: string, startedAt: string): RunRecord {
  const graph = mlpGraph();
  return {
    id,
    name: 'mlp',
    status: 'completed',
    startedAt,
    durationMs: 1234,
    backend: 'wasm',
    epochs: 2,
    final: { loss: 0.3, acc: 0.9, val_loss: 0.35, val_acc: 0.88 },
    graph,
    dataset: graph.dataset,
    training: graph.training,
    batches: [{ step: 0, metrics: { loss: 2.3, acc: 0.1 } }],
    epochsHistory: [{ loss: 0.5 }, { loss: 0.3, acc: 0.9, val_loss: 0.35, val_acc: 0.88 }],
    log: ['started'],
  };
}

describe('RunStore', () => {
  it('round-trips records, lists newest first, deletes', async () => {
    const store = new RunStore(dataDir);
    const a = record(newRunId(), '2025-01-01T10:00:00.000Z');
    const b = record(newRunId(), '2025-01-02T10:00:00.000Z');
    await store.save(a);
    await store.save(b);
    expect(await store.get(a.id)).toEqual(a);
    expect((await store.list()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(summaryOf(a)).not.toHaveProperty('graph');
    expect(await fs.readdir(store.runDir(a.id))).toEqual(['run.json']); // no temp files left

    expect(await store.delete(a.id)).toBe(true);
    expect(await store.get(a.id)).toBeNull();
    expect(await store.delete(a.id)).toBe(false);
  });

  it("names the trained graph's id in the summary, and leaves it out for runs from before graph ids", () => {
    const a = record(newRunId(), '2025-01-01T10:00:00.000Z');
    expect(summaryOf(a)).not.toHaveProperty('graphId');
    const b = { ...a, graph: { ...a.graph, extras: { graphId: 'g-abc123' } } };
    expect(summaryOf(b).graphId).toBe('g-abc123');
  });

  it('applies rapid saves of one run in order', async () => {
    const store = new RunStore(dataDir);
    const r = record(newRunId(), '2025-01-03T10:00:00.000Z');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        r.durationMs = i;
        return store.save({ ...r });
      }),
    );
    expect((await store.get(r.id))?.durationMs).toBe(19);
  });

  it('skips a corrupt run.json in lists and names the file when read directly', async () => {
    const store = new RunStore(dataDir);
    const id = newRunId();
    await fs.mkdir(store.runDir(id), { recursive: true });
    await fs.writeFile(path.join(store.runDir(id), 'run.json'), '{"id": ');
    const skipped: string[] = [];
    const runs = await store.list((sid) => skipped.push(sid));
    expect(skipped).toEqual([id]);
    expect(runs.map((r) => r.id)).not.toContain(id);
    await expect(store.get(id)).rejects.toThrow(/run\.json: not valid JSON/);
  });

  it('refuses run ids that could escape the runs folder', () => {
    const store = new RunStore(dataDir);
    expect(isRunId('../etc')).toBe(false);
    expect(() => store.runDir('../../x')).toThrow(/Invalid run id/);
    expect(isRunId(newRunId())).toBe(true);
  });
});

describe('BatchHistory', () => {
  it('keeps at most the limit, covers the whole run evenly and always ends at the newest step', () => {
    const points: { step: number; metrics: { loss: number } }[] = [];
    const history = new BatchHistory(points, 100);
    for (let step = 0; step < 1000; step++) {
      history.add({ step, metrics: { loss: step } });
      expect(points.length).toBeLessThanOrEqual(101);
      expect(points[points.length - 1].step).toBe(step);
    }
    expect(points[0].step).toBe(0);
    expect(points.length).toBeGreaterThan(50);
    // Uniform: gaps between kept points (the newest aside) are all the same.
    const gaps = new Set(points.slice(1, -1).map((p, i) => p.step - points[i].step));
    expect(gaps.size).toBe(1);
  });
});
