// Assembles the Keras (TensorFlow 2) script: build_model() in the functional API from the per-kind
// generators, LayerLab's loss/optimizer/metrics, the same data loading as the PyTorch script (data.npz or
// IDX files), and tf.distribute behind --distribute (MirroredStrategy: all local GPUs;
// --multi-worker: MultiWorkerMirroredStrategy across machines, configured by TF_CONFIG).
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { planGraph, py, type GraphPlan } from '../codegen/plan';
import { IDX_DATASETS } from '../pytorch/script';
import { getKerasGenerator } from './index';

export interface KerasExport {
  script: string;
  warnings: string[];
  plan: GraphPlan;
}

const LOSSES: Record<string, string> = {
  categoricalCrossentropy: 'categorical_crossentropy',
  sparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  binaryCrossentropy: 'binary_crossentropy',
  meanSquaredError: 'mean_squared_error',
  meanAbsoluteError: 'mean_absolute_error',
};

export function generateKerasScript(graph: GraphFile, shapes?: DatasetShapes): KerasExport {
  const plan = planGraph(graph, shapes);
  const body: string[] = [];
  const warnings: string[] = [];
  for (const n of plan.nodes) {
    const code = getKerasGenerator(n.node.kind, n.node.id).generate(n);
    if (code.lines.length) body.push(`# ${n.node.label ?? n.node.kind} (${n.node.id})`, ...code.lines);
    if (code.warnings) warnings.push(...code.warnings);
  }
  const inputs = plan.inputs.map((n) => n.outputVars[0]);
  const outputs = plan.outputs.map((n) => n.inputVars[0][0]);
  body.push(
    `return keras.Model(inputs=[${inputs.join(', ')}], outputs=${outputs.length === 1 ? outputs[0] : `[${outputs.join(', ')}]`}, name="layerlab")`,
  );
  const classification = graph.training.loss.endsWith('Crossentropy');
  const config = {
    name: graph.name,
    dataset: {
      id: graph.dataset.id,
      representation: graph.dataset.representation,
      labels: graph.dataset.labels,
      normalization: graph.dataset.normalization,
      validation_split: graph.dataset.validationSplit,
      limit: graph.dataset.limit,
      seed: graph.dataset.seed,
    },
    training: {
      epochs: graph.training.epochs,
      batch_size: graph.training.batchSize,
      optimizer: graph.training.optimizer,
      learning_rate: graph.training.learningRate,
      momentum: graph.training.momentum ?? 0.9,
      loss: LOSSES[graph.training.loss] ?? graph.training.loss,
      metrics: classification ? graph.training.metrics : graph.training.metrics.filter((m) => m !== 'accuracy' && m !== 'acc'),
      seed: graph.training.seed ?? graph.dataset.seed,
    },
    inputs: plan.inputs.map((n) => String(n.params.feature ?? 'x')),
    outputs: plan.outputs.map((n) => String(n.params.target ?? 'y')),
    layerlab_params: plan.inference.totalParams,
  };
  const script = [
    HEAD(graph, warnings),
    `CONFIG = ${py(config)}`,
    `IDX_DATASETS = ${py(IDX_DATASETS)}`,
    '',
    '',
    'def build_model():',
    `    """${graph.name.replace(/"""/g, "'''")}: generated from the LayerLab graph, node by node."""`,
    ...body.map((l) => `    ${l}`),
    '',
    '',
    BODY,
  ].join('\n');
  return { script, warnings, plan };
}

function HEAD(graph: GraphFile, warnings: string[]): string {
  return `#!/usr/bin/env python3
"""${graph.name.replace(/"""/g, "'''")}: a Keras (TensorFlow 2) script exported by LayerLab.

Same layers, parameter count, dataset settings and hyperparameters as the LayerLab graph.
  python3 model_keras.py                      # train on data.npz written beside this script
  python3 model_keras.py --data-dir DIR       # MNIST-style datasets: read the four IDX files in DIR
  python3 model_keras.py --distribute         # tf.distribute.MirroredStrategy over all local GPUs
  TF_CONFIG=... python3 model_keras.py --multi-worker   # MultiWorkerMirroredStrategy across machines${
    warnings.length ? `\n\nNot reproduced exactly:\n${warnings.map((w) => `  - ${w}`).join('\n')}` : ''
  }
"""
import argparse
import gzip
import json
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
`;
}

const BODY = String.raw`def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find_idx(folder, prefix, kind, rank):
    for name in sorted(os.listdir(folder), key=len):
        base = name[:-3] if name.endswith(".gz") else name
        if base.endswith(f"{prefix}-{kind}-idx{rank}-ubyte") or base.endswith(f"{prefix}-{kind}.idx{rank}-ubyte"):
            return os.path.join(folder, name)
    raise SystemExit(f"--data-dir {folder}: no {prefix}-{kind}-idx{rank}-ubyte[.gz] file")


def idx_arrays(folder, limit):
    """MNIST-style IDX files -> LayerLab's representation, normalisation, labels and validation split."""
    ds = CONFIG["dataset"]
    images = read_idx(find_idx(folder, "train", "images", 3))
    labels = read_idx(find_idx(folder, "train", "labels", 1)).astype(np.int64)
    order = np.random.default_rng(ds["seed"]).permutation(len(images))[: (limit if limit > 0 else len(images))]
    n_val = int(round(len(order) * min(0.5, max(0.0, ds["validation_split"]))))
    val_idx, train_idx = order[:n_val], order[n_val:]
    x = images.astype(np.float32)
    if ds["normalization"] == "scale01":
        x = x / 255.0
    elif ds["normalization"] == "standardize":
        mean, std = x[train_idx].mean(), x[train_idx].std()
        x = (x - mean) / (std if std > 1e-8 else 1.0)
    h, w = images.shape[1], images.shape[2]
    shape = {"vector": (h * w,), "matrix": (h, w), "sequence": (h, w), "image": (h, w, 1)}[ds["representation"]]
    x = x.reshape((len(x),) + shape)
    y = np.eye(10, dtype=np.float32)[labels] if ds["labels"] == "onehot" else labels.astype(np.int32).reshape(-1, 1)
    feature, target = CONFIG["inputs"][0], CONFIG["outputs"][0]
    arrays = {f"train_x_{feature}": x[train_idx], f"train_y_{target}": y[train_idx]}
    if n_val:
        arrays[f"val_x_{feature}"], arrays[f"val_y_{target}"] = x[val_idx], y[val_idx]
    return arrays


def load_splits(args):
    if args.data_dir:
        if CONFIG["dataset"]["id"] not in IDX_DATASETS:
            raise SystemExit(f"--data-dir reads MNIST-style IDX files; dataset '{CONFIG['dataset']['id']}' is not one")
        arrays = idx_arrays(args.data_dir, args.limit)
    else:
        path = args.data or os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.npz")
        if not os.path.exists(path):
            raise SystemExit(f"No data file {path}: export again with the data, or pass --data FILE.npz / --data-dir DIR")
        with np.load(path) as z:
            arrays = {k: z[k] for k in z.files}
    splits = {}
    for split in ("train", "val"):
        xs = [arrays.get(f"{split}_x_{f}") for f in CONFIG["inputs"]]
        ys = [arrays.get(f"{split}_y_{t}") for t in CONFIG["outputs"]]
        if any(a is None for a in xs + ys):
            if split == "train":
                raise SystemExit(f"The data has no training arrays for inputs {CONFIG['inputs']} / outputs {CONFIG['outputs']}")
            continue
        if split == "train" and args.limit > 0 and not args.data_dir:
            xs, ys = [a[: args.limit] for a in xs], [a[: args.limit] for a in ys]
        splits[split] = (xs, ys)
    return splits


def make_optimizer(lr):
    t = CONFIG["training"]
    name = t["optimizer"]
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate=lr)
    if name in ("momentum", "nesterov"):
        return keras.optimizers.SGD(learning_rate=lr, momentum=t["momentum"], nesterov=name == "nesterov")
    if name == "adam":
        return keras.optimizers.Adam(learning_rate=lr, epsilon=1e-7)
    if name == "adamax":
        return keras.optimizers.Adamax(learning_rate=lr, epsilon=1e-7)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=lr, rho=0.9, epsilon=1e-7)
    if name == "adagrad":
        return keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=0.1)
    if name == "adadelta":
        return keras.optimizers.Adadelta(learning_rate=lr, rho=0.95, epsilon=1e-7)
    raise SystemExit(f"Unknown optimizer {name}")


def main():
    t = CONFIG["training"]
    parser = argparse.ArgumentParser(description=f"Train '{CONFIG['name']}' (exported from LayerLab) with Keras.")
    parser.add_argument("--epochs", type=int, default=t["epochs"])
    parser.add_argument("--batch-size", type=int, default=t["batch_size"], help="global batch size (split across replicas)")
    parser.add_argument("--lr", type=float, default=t["learning_rate"])
    parser.add_argument("--data", help="an .npz with train_x_<feature>, train_y_<target>, val_... arrays (default: data.npz beside this script)")
    parser.add_argument("--data-dir", help="folder with MNIST-style IDX files")
    parser.add_argument("--limit", type=int, default=0, help="use at most this many training samples (0 = all)")
    parser.add_argument("--distribute", action="store_true", help="tf.distribute.MirroredStrategy over all local GPUs")
    parser.add_argument("--multi-worker", action="store_true", help="tf.distribute.MultiWorkerMirroredStrategy (set TF_CONFIG on every machine)")
    parser.add_argument("--save", help="write the trained model here (e.g. model.keras)")
    parser.add_argument("--seed", type=int, default=t["seed"])
    args = parser.parse_args()

    keras.utils.set_random_seed(args.seed)
    if args.multi_worker:
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
    elif args.distribute:
        strategy = tf.distribute.MirroredStrategy()
    else:
        strategy = tf.distribute.get_strategy()
    print(f"replicas: {strategy.num_replicas_in_sync}")
    splits = load_splits(args)
    with strategy.scope():
        model = build_model()
        model.compile(optimizer=make_optimizer(args.lr), loss=t["loss"], metrics=t["metrics"])
    params = model.count_params()
    print(f"parameters: {params} (LayerLab: {CONFIG['layerlab_params']})")
    xs, ys = splits["train"]
    val = splits.get("val")
    history = model.fit(xs, ys, epochs=args.epochs, batch_size=args.batch_size, shuffle=True,
                        validation_data=(val[0], val[1]) if val else None, verbose=2)
    if args.save:
        model.save(args.save)
        print(f"model saved to {args.save}")
    print("RESULT " + json.dumps({"params": params, "layerlab_params": CONFIG["layerlab_params"],
                                  "history": {k: [float(v) for v in vs] for k, vs in history.history.items()}}))


if __name__ == "__main__":
    main()
`;
