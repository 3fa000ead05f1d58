// Pieces the PyTorch and Keras scripts share: the CONFIG dict, docstring text, reading MNIST-style IDX
// files, loading data.npz / IDX files into train and val splits, and the common command-line arguments.
// Each script keeps only what its framework does differently.
import type { GraphFile } from '../../../shared/graph/types';
import { py, type GraphPlan } from './plan';
import { pyDocText } from './escape';

/** Dataset ids whose raw files are MNIST-style IDX files the scripts can read themselves (--data-dir). */
export const IDX_DATASETS = ['mnist-bundled', 'mnist', 'fashion-mnist', 'kmnist'];

export const IDX_DATASETS_LINE = `IDX_DATASETS = ${py(IDX_DATASETS)}`;

/** The graph's name, safe inside a Python """docstring""". */
export function docstringName(graph: GraphFile): string {
  return pyDocText(graph.name);
}

/** The docstring paragraph listing what the export does not reproduce exactly; '' when nothing. */
export function notReproducedNote(warnings: string[]): string {
  return warnings.length ? `\n\nNot reproduced exactly:\n${warnings.map((w) => `  - ${pyDocText(w)}`).join('\n')}` : '';
}

/** The CONFIG dict both scripts read; `loss` and `metrics` are given as the framework names them. */
export function scriptConfig(graph: GraphFile, plan: GraphPlan, lossAndMetrics: { loss: string; metrics: string[] }) {
  return {
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
      loss: lossAndMetrics.loss,
      metrics: lossAndMetrics.metrics,
      seed: graph.training.seed ?? graph.dataset.seed,
    },
    inputs: plan.inputs.map((n) => String(n.params.feature ?? 'x')),
    outputs: plan.outputs.map((n) => String(n.params.target ?? 'y')),
    layerlab_params: plan.inference.totalParams,
  };
}

export const READ_IDX_PY = String.raw`def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)`;

/**
 * idx_arrays(folder, limit): IDX files -> the arrays data.npz would hold. `docNote` adds a docstring line,
 * `order` is the (4-space indented) code that sets `order`, the shuffled sample indices capped at `limit`.
 */
export function idxArraysPy(docNote: string | null, order: string): string {
  return String.raw`def idx_arrays(folder, limit):
    """MNIST-style IDX files -> LayerLab's representation, normalisation, labels and validation split.${docNote ? `\n    ${docNote}` : ''}"""
    ds = CONFIG["dataset"]
    images = read_idx(find_idx(folder, "train", "images", 3))
    labels = read_idx(find_idx(folder, "train", "labels", 1)).astype(np.int64)
${order}
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
    return arrays`;
}

/**
 * load_splits(args): {"train": (xs, ys), "val": ...} from --data-dir IDX files or an .npz. `splitValue` is the
 * Python expression stored per split, built from the numpy lists `xs` and `ys`.
 */
export function loadSplitsPy(splitValue: string): string {
  return String.raw`def load_splits(args):
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
        splits[split] = ${splitValue}
    return splits`;
}

export interface ArgumentOptions {
  /** Python expression for the parser's description. */
  description: string;
  /** Python source of extra keyword arguments for --batch-size, e.g. ', help="..."'. */
  batchSizeExtra: string;
  dataDirHelp: string;
  /** Framework-specific parser.add_argument(...) calls, unindented, placed between --limit and --seed. */
  extra: string[];
}

/** main()'s argument parsing (4-space indented), from `parser = ...` to `args = parser.parse_args()`. */
export function argumentParserPy(o: ArgumentOptions): string {
  return [
    `parser = argparse.ArgumentParser(description=${o.description})`,
    'parser.add_argument("--epochs", type=int, default=t["epochs"])',
    `parser.add_argument("--batch-size", type=int, default=t["batch_size"]${o.batchSizeExtra})`,
    'parser.add_argument("--lr", type=float, default=t["learning_rate"])',
    'parser.add_argument("--data", help="an .npz with train_x_<feature>, train_y_<target>, val_... arrays (default: data.npz beside this script)")',
    `parser.add_argument("--data-dir", help=${py(o.dataDirHelp)})`,
    'parser.add_argument("--limit", type=int, default=0, help="use at most this many training samples (0 = all)")',
    ...o.extra,
    'parser.add_argument("--seed", type=int, default=t["seed"])',
    'args = parser.parse_args()',
  ]
    .map((l) => `    ${l}`)
    .join('\n');
}
