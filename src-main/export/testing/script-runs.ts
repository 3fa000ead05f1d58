// The "exported PyTorch scripts run" checks shared by the export tests: each graph is exported with its data
// (model.py + data.npz), every script then runs as `python model.py --epochs N` would, all of them in one
// Python process (torch is imported once per process: seconds of CPU per script otherwise), and each graph's test
// checks its own run: exit 0, torch's parameter count equals LayerLab's and tfjs's, the loss drops.
import path from 'node:path';
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import type { LoadedDataset } from '../../data/types';
import { buildModel } from '../../engine/compile';
import { exportGraph, DATA_NPZ, PYTORCH_SCRIPT } from '..';
import { runScriptsInOnePython, type PythonRun } from './python';

interface GraphRun {
  tfjsParams: number;
  run: PythonRun;
}

/** A lazy, shared run of every graph's script for `epochs` epochs (started by the first test that asks). */
export function scriptRuns(python: string, graphs: GraphFile[], datasetOf: (g: GraphFile) => LoadedDataset, dirFor: (g: GraphFile) => string, epochs = 1) {
  let runs: Promise<Map<string, GraphRun>> | undefined;
  const runAll = async (): Promise<Map<string, GraphRun>> => {
    const exported: { name: string; tfjsParams: number; dir: string }[] = [];
    for (const g of graphs) {
      const data = datasetOf(g);
      const { model } = buildModel(g, tf, data.shapes);
      const tfjsParams = model.countParams();
      model.dispose();
      const dir = dirFor(g);
      const res = await exportGraph({ graph: g, format: 'pytorch', outDir: dir, dataset: data });
      expect(res.files.map((f) => path.basename(f)), g.name).toEqual([PYTORCH_SCRIPT, DATA_NPZ]);
      exported.push({ name: g.name, tfjsParams, dir });
    }
    const done = await runScriptsInOnePython(python, exported.map((e) => ({ name: e.name, script: PYTORCH_SCRIPT, cwd: e.dir, args: ['--epochs', String(epochs)] })));
    return new Map(exported.map((e) => [e.name, { tfjsParams: e.tfjsParams, run: done.get(e.name)! }]));
  };
  return (g: GraphFile): Promise<GraphRun> => (runs ??= runAll()).then((m) => m.get(g.name)!);
}

/** The checks of one graph's run of `epochs` epochs; `tag` prefixes its log line. */
export function expectScriptRun(tag: string, g: GraphFile, { tfjsParams, run }: GraphRun, epochs = 1): void {
  expect(run.status, run.stderr).toBe(0);
  const r = run.result as { params: number; layerlab_params: number; loss_before: number; history: { loss: number }[]; seconds: number };
  const last = r.history[epochs - 1].loss;
  console.log(`[${tag}] ${g.name}: params torch ${r.params} / LayerLab ${r.layerlab_params} / tfjs ${tfjsParams}; ` +
    `loss ${r.loss_before.toFixed(4)} -> ${last.toFixed(4)} (${epochs} epochs); train ${r.seconds.toFixed(2)} s, script ${run.ms} ms`);
  expect(r.params).toBe(tfjsParams);
  expect(r.layerlab_params).toBe(tfjsParams);
  expect(last).toBeLessThan(r.loss_before);
}
