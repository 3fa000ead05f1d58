// The look-inside jobs on a stored, trained MNIST MLP: one test sample's activations through the run's own input
// preparation, a clear message for a sample out of range, and the last hidden layer of the test set projected by
// PCA, where digits of one class lie closer together than digits in general.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli';
import { mlpGraph } from '../training/testing/fixtures';
import { runInspectJob, runProjectionJob } from './inspect-job';
import { storeTrainedRun } from './testing/stored-run';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-inspect-'));
const runId = 'run-20260101-120000-abcdef';
beforeAll(async () => {
  await storeTrainedRun(dataDir, runId, mlpGraph({ hidden: 32, limit: 600, epochs: 8 }), 8);
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('inspect jobs on a stored run', () => {
  it('activations of test sample 3: every node, shapes as built, probabilities that sum to 1', async () => {
    const result = await runInspectJob({ dataDir, runId, input: { kind: 'sample', index: 3 } });
    expect(result.nodes.map((n) => [n.nodeId, n.kind, n.shape])).toEqual([
      ['in', 'Input', [784]],
      ['d1', 'Dense', [32]],
      ['d2', 'Dense', [10]],
    ]);
    const probs = result.nodes[2].view;
    if (probs.type !== 'bars') throw new Error(probs.type);
    expect(probs.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(result.prediction?.classIndex).toBe(probs.values.indexOf(Math.max(...probs.values)));
    // The input is scaled to 0..1 as in training, and mostly background.
    expect(result.nodes[0].stats.min).toBe(0);
    expect(result.nodes[0].stats.max).toBeLessThanOrEqual(1);
    expect(result.nodes[0].stats.zeros).toBeGreaterThan(0.5);
  });

  it('a sample index past the test split is refused with a message saying the range', async () => {
    await expect(runInspectJob({ dataDir, runId, input: { kind: 'sample', index: 99_999 } })).rejects.toThrow(/99999|range|samples/);
  });

  it('projects the last hidden layer (d1) of the test set; classes cluster', async () => {
    const p = await runProjectionJob({ dataDir, runId });
    expect(p.nodeId).toBe('d1');
    expect(p.candidates.map((c) => c.nodeId)).toEqual(['d1', 'd2']);
    expect(p.points.length).toBeGreaterThan(50);
    expect(p.explained[0]).toBeGreaterThan(p.explained[1]);
    expect(p.explained[0] + p.explained[1]).toBeLessThanOrEqual(1.0001);
    // Mean distance to the own class's centre vs to the overall centre, in the 2-D picture.
    const centre = (pts: { x: number; y: number }[]) => ({ x: pts.reduce((s, q) => s + q.x, 0) / pts.length, y: pts.reduce((s, q) => s + q.y, 0) / pts.length });
    const all = centre(p.points);
    const byClass = new Map<number, { x: number; y: number }[]>();
    for (const q of p.points) byClass.set(q.cls, [...(byClass.get(q.cls) ?? []), q]);
    expect(byClass.size).toBeGreaterThan(5);
    let own = 0;
    let overall = 0;
    for (const pts of byClass.values()) {
      const c = centre(pts);
      for (const q of pts) {
        own += (q.x - c.x) ** 2 + (q.y - c.y) ** 2;
        overall += (q.x - all.x) ** 2 + (q.y - all.y) ** 2;
      }
    }
    console.warn(`[inspect] PCA of d1: within-class / total scatter ${(own / overall).toFixed(3)}, explained ${p.explained.join(', ')}`);
    expect(own / overall).toBeLessThan(0.8);
  });
});

describe('layerlab predict --run ID --sample N --layers', () => {
  it('prints one row per layer with kind, shape and statistics; a bad index exits 2 with the range', async () => {
    const saved = process.env.LAYERLAB_HOME;
    process.env.LAYERLAB_HOME = dataDir;
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      expect(await main(['predict', '--run', runId, '--sample', '0', '--layers'])).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/^Layer\s+Kind\s+Shape\s+Mean\s+Std\s+Min\s+Max\s+Zeros %/);
      expect(text).toMatch(/\nd1\s+Dense\s+\[32\]\s/);
      expect(text).toMatch(/\nd2\s+Dense\s+\[10\]\s/);
      expect(text).toMatch(/\nPrediction: \S+ \(\d+\.\d%\)/);
      out.length = 0;
      expect(await main(['predict', '--run', runId, '--sample', '1', '--layers', '--json'])).toBe(0);
      const json = JSON.parse(out.join('\n')) as { layers: { nodeId: string; shape: number[]; zeros: number }[] };
      expect(json.layers.map((l) => l.nodeId)).toEqual(['in', 'd1', 'd2']);
      const err: string[] = [];
      const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
      expect(await main(['predict', '--run', runId, '--sample', '99999', '--layers'])).toBe(2);
      error.mockRestore();
      expect(err.join('\n')).toMatch(/layerlab predict: .*99999/);
    } finally {
      log.mockRestore();
      if (saved === undefined) delete process.env.LAYERLAB_HOME;
      else process.env.LAYERLAB_HOME = saved;
    }
  });
});
