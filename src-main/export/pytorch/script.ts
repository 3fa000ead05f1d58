// Assembles the runnable PyTorch script: the nn.Module built by the per-kind generators, LayerLab's loss
// and optimizer settings, data loading (data.npz written beside the script, or IDX files via --data-dir),
// a training loop, and DistributedDataParallel behind --ddp (torchrun; gloo on CPU, nccl on GPUs).
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
import { getPyGenerator } from './index';
import { helperCode } from './helpers';
import { inputArgName, type WeightMapping } from './types';
import { CHECKPOINT_EPOCH_KEY, TRAIN_LOOP_PY } from './train-loop-py';
import { DEFAULT_WEIGHT_DECAY } from '../../engine/optimizers';

export interface PytorchExport {
  script: string;
  /** tfjs layer name -> state_dict entries, for exporting trained weights. */
  weights: { nodeId: string; mappings: WeightMapping[] }[];
  warnings: string[];
  plan: GraphPlan;
}

const indent = (lines: string[], n: number) => lines.map((l) => (l ? ' '.repeat(n) + l : l));

export function generatePytorchScript(graph: GraphFile, shapes?: DatasetShapes): PytorchExport {
  const plan = planGraph(graph, shapes);
  const init: string[] = [];
  const forward: string[] = [];
  const helpers = new Set<string>();
  const warnings: string[] = [];
  const weights: PytorchExport['weights'] = [];
  for (const n of plan.nodes) {
    const code = getPyGenerator(n.node.kind, n.node.id).generate(n);
    if (code.init.length || code.forward.length) {
      const comment = nodeComment(n.node);
      if (code.init.length) init.push(comment, ...code.init);
      if (code.forward.length) forward.push(comment, ...code.forward);
    }
    code.helpers?.forEach((h) => helpers.add(h));
    if (code.warnings) warnings.push(...code.warnings);
    if (code.weights?.length) weights.push({ nodeId: n.node.id, mappings: code.weights });
  }
  const args = plan.inputs.map(inputArgName);
  const returned = plan.outputs.map((o) => o.inputVars[0][0]);
  forward.push(`return ${returned.length === 1 ? returned[0] : `(${returned.join(', ')})`}`);

  // The script's loss_fn and correct_count read LayerLab's own loss names.
  const base = scriptConfig(graph, plan, { loss: graph.training.loss, metrics: graph.training.metrics });
  // What the PyTorch training loop reproduces beyond the shared settings (train-loop-py.ts).
  const t = graph.training;
  const config = {
    ...base,
    training: {
      ...base.training,
      weight_decay: t.weightDecay ?? DEFAULT_WEIGHT_DECAY,
      lr_schedule: t.lrSchedule && t.lrSchedule.type !== 'none' ? t.lrSchedule : null,
      early_stopping: t.earlyStopping ?? null,
      gradient_clip: t.gradientClip && (t.gradientClip.clipNorm || t.gradientClip.clipValue) ? t.gradientClip : null,
    },
  };

  const moduleCode = [
    'class LayerLabModel(nn.Module):',
    `    """${docstringName(graph)}: generated from the LayerLab graph, node by node."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...indent(init.length ? init : ['pass'], 8),
    '',
    `    def forward(self, ${args.join(', ')}):`,
    ...indent(forward, 8),
  ].join('\n');

  const script = [
    SCRIPT_HEAD(graph, warnings),
    `CONFIG = ${py(config)}`,
    IDX_DATASETS_LINE,
    '',
    '',
    helpers.size ? `${helperCode(helpers)}\n\n` : '',
    moduleCode,
    '',
    '',
    SCRIPT_BODY,
  ].join('\n');
  return { script, weights, warnings, plan };
}

function SCRIPT_HEAD(graph: GraphFile, warnings: string[]): string {
  return `#!/usr/bin/env python3
"""${docstringName(graph)}: a PyTorch script exported by LayerLab.

Same layers, parameter count, dataset settings and hyperparameters as the LayerLab graph.
  python3 model.py                          # train on data.npz written beside this script
  python3 model.py --data-dir DIR           # MNIST-style datasets: read the four IDX files in DIR
  python3 model.py --weights weights.npz    # continue from LayerLab's trained weights
  python3 model.py --checkpoint-dir ckpt    # checkpoint.npz every epoch, best.npz, final.npz
  torchrun --nproc_per_node=2 model.py --ddp   # DistributedDataParallel (gloo on CPU, nccl on GPUs)
The learning-rate schedule, early stopping and gradient clipping set in LayerLab are applied here too.
LayerLab's PyTorch engine runs this script with --events (JSON lines on stdout, stop/pause/resume on stdin).
Tensors keep LayerLab's (TensorFlow's) channels-last layout, so trained weights carry over unchanged.
If torchrun fails with "'NoneType' object has no attribute 'get'" (torch 1.13 on Python 3.11), add
--redirects 2 --tee 2 before the script name.${notReproducedNote(warnings)}
"""
import argparse
import gzip
import json
import math
import os
import sys
import threading
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
`;
}

const IDX_ARRAYS = idxArraysPy(
  "The split uses numpy's shuffle with the same seed, so it holds different samples than LayerLab's.",
  [
    '    order = np.random.default_rng(ds["seed"]).permutation(len(images))',
    '    cap = limit if limit > 0 else len(images)',
    '    order = order[:cap]',
  ].join('\n'),
);

/** PyTorch trains on tensors: to_tensor makes integer labels int64 and everything else float32. */
const LOAD_SPLITS = loadSplitsPy('([to_tensor(a) for a in xs], [to_tensor(a) for a in ys])');

const ARGUMENTS = argumentParserPy({
  description: `f"Train '{CONFIG['name']}' (exported from LayerLab)."`,
  batchSizeExtra: '',
  dataDirHelp: 'folder with MNIST-style IDX files (train-images-idx3-ubyte[.gz], ...)',
  extra: [
    'parser.add_argument("--weights", help="start from these weights (.npz of state_dict arrays, e.g. LayerLab\'s export)")',
    'parser.add_argument("--save", help="write the trained weights to this .npz")',
    'parser.add_argument("--ddp", action="store_true", help="DistributedDataParallel; start with torchrun --nproc_per_node=N")',
    'parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="auto: CUDA when torch sees a GPU")',
    'parser.add_argument("--checkpoint-dir", help="write checkpoint.npz every epoch, best.npz (best epoch) and final.npz here")',
    `parser.add_argument("--events", action="store_true", help="LayerLab's engine protocol: JSON lines on stdout, stop/pause/resume on stdin")`,
  ],
});

const SCRIPT_BODY = String.raw`def count_params(model):
    """Counted as LayerLab (tfjs countParams) does: every parameter plus BatchNorm's moving mean and variance."""
    n = sum(p.numel() for p in model.parameters())
    n += sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))
    return n


# ---- data ----

${READ_IDX_PY}


def find_idx(folder, prefix, kind, rank):
    names = sorted(os.listdir(folder), key=len)
    for name in names:
        base = name[:-3] if name.endswith(".gz") else name
        if base.endswith(f"{prefix}-{kind}-idx{rank}-ubyte") or base.endswith(f"{prefix}-{kind}.idx{rank}-ubyte"):
            return os.path.join(folder, name)
    raise SystemExit(f"--data-dir {folder}: no {prefix}-{kind}-idx{rank}-ubyte[.gz] file")


${IDX_ARRAYS}


def to_tensor(a):
    t = torch.from_numpy(np.ascontiguousarray(a))
    return t.long() if t.dtype in (torch.int32, torch.int64, torch.uint8) else t.float()


${LOAD_SPLITS}


# ---- loss, metrics, optimizer: LayerLab's (Keras) definitions ----

EPSILON = 1e-7


def loss_fn(pred, target):
    name = CONFIG["training"]["loss"]
    if name == "categoricalCrossentropy":
        p = (pred / pred.sum(dim=-1, keepdim=True)).clamp(EPSILON, 1 - EPSILON)
        return -(target * torch.log(p)).sum(dim=-1).mean()
    if name == "sparseCategoricalCrossentropy":
        p = pred.clamp(EPSILON, 1 - EPSILON)
        return F.nll_loss(torch.log(p).reshape(-1, p.shape[-1]), target.reshape(-1).long())
    if name == "binaryCrossentropy":
        p = pred.clamp(EPSILON, 1 - EPSILON)
        return -(target * torch.log(p) + (1 - target) * torch.log(1 - p)).mean()
    if name == "meanSquaredError":
        return ((pred - target) ** 2).mean()
    if name == "meanAbsoluteError":
        return (pred - target).abs().mean()
    raise SystemExit(f"Unknown loss {name}")


def make_optimizer(params, lr):
    t = CONFIG["training"]
    name = t["optimizer"]
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=t["momentum"], nesterov=name == "nesterov")
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, eps=1e-7)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, eps=1e-7, weight_decay=t["weight_decay"])
    if name == "adamax":
        return torch.optim.Adamax(params, lr=lr, eps=1e-7)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=0.9, eps=1e-7)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, initial_accumulator_value=0.1)
    if name == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=0.95, eps=1e-7)
    raise SystemExit(f"Unknown optimizer {name}")


def as_tuple(out):
    return out if isinstance(out, tuple) else (out,)


# ---- weights as .npz (names are state_dict keys) ----

def load_weights(model, path):
    with np.load(path) as z:
        state = {k: torch.from_numpy(z[k].copy()) for k in z.files if k != "${CHECKPOINT_EPOCH_KEY}"}  # a checkpoint's epoch
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise SystemExit(f"{path} does not fit this model: missing {missing}, unexpected {unexpected}")


def save_weights(model, path):
    np.savez(path, **{k: v.detach().cpu().numpy() for k, v in model.state_dict().items()})


${TRAIN_LOOP_PY}

def main():
    t = CONFIG["training"]
${ARGUMENTS}

    rank, world = 0, 1
    device = device_for(args.device)
    if args.ddp:
        import torch.distributed as dist
        if "RANK" not in os.environ:
            raise SystemExit("--ddp needs torchrun: torchrun --nproc_per_node=2 " + os.path.basename(__file__) + " --ddp")
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
            torch.cuda.set_device(device)
    # Readable lines for a person; with --events LayerLab reads the events instead.
    log = print if rank == 0 and not args.events else (lambda *a, **k: None)
    events = Events(args.events and rank == 0)
    try:
        result = train(args, rank, world, device, log, events)
    except Exception as err:
        if not args.events:
            raise
        import traceback
        kind = "diverged" if isinstance(err, Diverged) else "oom" if "out of memory" in str(err) else "exception"
        events("error", kind=kind, message=f"{type(err).__name__}: {err}" if kind == "exception" else str(err),
               traceback=traceback.format_exc())
        raise SystemExit(1)
    log("RESULT " + json.dumps(finite(result)))
    if args.ddp:
        import torch.distributed as dist
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
