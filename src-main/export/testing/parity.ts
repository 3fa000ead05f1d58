// Prediction parity between tfjs and an exported PyTorch script, for tests, both ways. tfjs -> torch: the
// inputs and tfjs's outputs go into an .npz (x_0.., expected_0..), and one Python run loads each exported
// module with tfjs's weights and reports the largest |torch - tfjs| over all outputs. torch -> tfjs
// (REVERSE_PARITY_PY): PyTorch trains, and the test loads its weights into tfjs and compares predictions.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { encodeNpz, type NpyArray } from '../npz';
import { runPython } from './python';

export interface ParityCase {
  name: string;
  script: string;
  weights: string;
  /** The .npz written by parityNpz. */
  inputs: string;
}

/** Per case name: how many inputs the model was fed and the largest difference over its outputs. */
export type ParityResult = Record<string, { inputs: number; max_diff: number }>;

const asNpy = (t: tf.Tensor): NpyArray => ({ data: t.dataSync() as Float32Array | Int32Array, shape: t.shape });

/** The model's inputs and tfjs's predictions for them, in the layout PARITY_PY reads. */
export function parityNpz(xs: tf.Tensor[], expected: tf.Tensor[]): Uint8Array {
  const arrays: Record<string, NpyArray> = {};
  xs.forEach((x, i) => (arrays[`x_${i}`] = asNpy(x)));
  expected.forEach((e, i) => (arrays[`expected_${i}`] = asNpy(e)));
  return encodeNpz(arrays);
}

/** `python parity.py '<JSON list of ParityCase>'` prints a ParityResult as its last line. */
export const PARITY_PY = `
import importlib.util, json, sys
import numpy as np
import torch

out = {}
for i, case in enumerate(json.loads(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", case["script"])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = mod.LayerLabModel()
    mod.load_weights(model, case["weights"])
    model.eval()
    with np.load(case["inputs"]) as z:
        xs = [z[f"x_{k}"] for k in range(sum(1 for n in z.files if n.startswith("x_")))]
        expected = [z[f"expected_{k}"] for k in range(sum(1 for n in z.files if n.startswith("expected_")))]
    with torch.no_grad():
        preds = mod.as_tuple(model(*[mod.to_tensor(x) for x in xs]))
    if len(preds) != len(expected):
        raise SystemExit(f"{case['name']}: {len(preds)} outputs, tfjs has {len(expected)}")
    diff = max(float(np.abs(p.numpy() - e).max()) for p, e in zip(preds, expected))
    out[case["name"]] = {"inputs": len(xs), "max_diff": diff}
print(json.dumps(out))
`;

/** Writes PARITY_PY into `dir` and runs it over the cases; throws with Python's stderr when it fails. */
export function runParity(python: string, cases: ParityCase[], dir: string): ParityResult {
  const driver = path.join(dir, 'parity.py');
  writeFileSync(driver, PARITY_PY);
  const run = runPython(python, [driver, JSON.stringify(cases)], { timeoutMs: 600_000 }); // generous: a loaded machine, not a speed check
  if (run.status !== 0) throw new Error(`parity.py exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ParityResult;
}

/** One graph for REVERSE_PARITY_PY: its exported script and data, trained by PyTorch, then fed `inputs`. */
export interface ReverseParityCase {
  name: string;
  script: string;
  /** data.npz for the script's training run. */
  data: string;
  /** The .npz written by parityNpz (only the x_ arrays are read). */
  inputs: string;
  /** Folder for the run's checkpoints (final.npz) and predictions.npz. */
  dir: string;
  epochs: number;
  batchSize: number;
}

/**
 * The reverse direction (the PyTorch engine's hand-back): `python reverse.py '<JSON list of ReverseParityCase>'`
 * trains each exported model with the script's own train() (as a PyTorch-engine run does, checkpoints in
 * `dir`), loads the final.npz it wrote into a fresh module, and writes its predictions for the inputs to
 * <dir>/predictions.npz (expected_0..). Prints {name: {final, predictions, epochs_done}} as its last line.
 */
export const REVERSE_PARITY_PY = `
import argparse, importlib.util, json, os, sys
import numpy as np
import torch

out = {}
for i, case in enumerate(json.loads(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(f"exported_{i}", case["script"])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    args = argparse.Namespace(epochs=case["epochs"], batch_size=case["batchSize"], lr=mod.CONFIG["training"]["learning_rate"],
                              data=case["data"], data_dir=None, limit=0, weights=None, save=None, ddp=False, device="cpu",
                              checkpoint_dir=case["dir"], events=False, seed=mod.CONFIG["training"]["seed"])
    result = mod.train(args, 0, 1, torch.device("cpu"), lambda *a, **k: None, mod.Events(False))
    final = os.path.join(case["dir"], "final.npz")
    model = mod.LayerLabModel()
    mod.load_weights(model, final)
    model.eval()
    with np.load(case["inputs"]) as z:
        xs = [z[f"x_{k}"] for k in range(sum(1 for n in z.files if n.startswith("x_")))]
    with torch.no_grad():
        preds = mod.as_tuple(model(*[mod.to_tensor(x) for x in xs]))
    predictions = os.path.join(case["dir"], "predictions.npz")
    np.savez(predictions, **{f"expected_{k}": p.numpy() for k, p in enumerate(preds)})
    out[case["name"]] = {"final": final, "predictions": predictions, "epochs_done": result["epochs_done"]}
print(json.dumps(out))
`;
