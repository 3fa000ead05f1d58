// Assembles the Keras (TensorFlow 2) script: build_model() in the functional API from the per-kind
// generators, LayerLab's loss/optimizer/metrics, the same data loading as the PyTorch script (data.npz or
// IDX files), and tf.distribute behind --distribute (MirroredStrategy: all local GPUs;
// --multi-worker: MultiWorkerMirroredStrategy across machines, configured by TF_CONFIG).
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { nodeComment, planGraph, py, type GraphPlan } from '../codegen/plan';
import {
  IDX_DATASETS_LINE,
  READ_IDX_PY,
  argumentParserPy,
  docstringName,
  idxArraysPy,
  loadSplitsPy,
  notReproducedNote,
  scriptConfig,
} from '../codegen/python-script';
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
    if (code.lines.length) body.push(nodeComment(n.node), ...code.lines);
    if (code.warnings) warnings.push(...code.warnings);
  }
  const inputs = plan.inputs.map((n) => n.outputVars[0]);
  const outputs = plan.outputs.map((n) => n.inputVars[0][0]);
  body.push(
    `return keras.Model(inputs=[${inputs.join(', ')}], outputs=${outputs.length === 1 ? outputs[0] : `[${outputs.join(', ')}]`}, name="layerlab")`,
  );
  const classification = graph.training.loss.endsWith('Crossentropy');
  const config = scriptConfig(graph, plan, {
    loss: LOSSES[graph.training.loss] ?? graph.training.loss,
    metrics: classification ? graph.training.metrics : graph.training.metrics.filter((m) => m !== 'accuracy' && m !== 'acc'),
  });
  const script = [
    HEAD(graph, warnings),
    `CONFIG = ${py(config)}`,
    IDX_DATASETS_LINE,
    '',
    '',
    'def build_model():',
    `    """${docstringName(graph)}: generated from the LayerLab graph, node by node."""`,
    ...body.map((l) => `    ${l}`),
    '',
    '',
    BODY,
  ].join('\n');
  return { script, warnings, plan };
}

function HEAD(graph: GraphFile, warnings: string[]): string {
  return `#!/usr/bin/env python3
"""${docstringName(graph)}: a Keras (TensorFlow 2) script exported by LayerLab.

Same layers, parameter count, dataset settings and hyperparameters as the LayerLab graph.
  python3 model_keras.py                      # train on data.npz written beside this script
  python3 model_keras.py --data-dir DIR       # MNIST-style datasets: read the four IDX files in DIR
  python3 model_keras.py --distribute         # tf.distribute.MirroredStrategy over all local GPUs
  TF_CONFIG=... python3 model_keras.py --multi-worker   # MultiWorkerMirroredStrategy across machines${notReproducedNote(warnings)}
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

const IDX_ARRAYS = idxArraysPy(null, '    order = np.random.default_rng(ds["seed"]).permutation(len(images))[: (limit if limit > 0 else len(images))]');

/** Keras fits on the numpy arrays as they are. */
const LOAD_SPLITS = loadSplitsPy('(xs, ys)');

const ARGUMENTS = argumentParserPy({
  description: `f"Train '{CONFIG['name']}' (exported from LayerLab) with Keras."`,
  batchSizeExtra: ', help="global batch size (split across replicas)"',
  dataDirHelp: 'folder with MNIST-style IDX files',
  extra: [
    'parser.add_argument("--distribute", action="store_true", help="tf.distribute.MirroredStrategy over all local GPUs")',
    'parser.add_argument("--multi-worker", action="store_true", help="tf.distribute.MultiWorkerMirroredStrategy (set TF_CONFIG on every machine)")',
    'parser.add_argument("--save", help="write the trained model here (e.g. model.keras)")',
  ],
});

const BODY = String.raw`${READ_IDX_PY}


def find_idx(folder, prefix, kind, rank):
    for name in sorted(os.listdir(folder), key=len):
        base = name[:-3] if name.endswith(".gz") else name
        if base.endswith(f"{prefix}-{kind}-idx{rank}-ubyte") or base.endswith(f"{prefix}-{kind}.idx{rank}-ubyte"):
            return os.path.join(folder, name)
    raise SystemExit(f"--data-dir {folder}: no {prefix}-{kind}-idx{rank}-ubyte[.gz] file")


${IDX_ARRAYS}


${LOAD_SPLITS}


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
${ARGUMENTS}

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
