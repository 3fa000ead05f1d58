"""PyTorch side of `npm run bench`'s training rows: trains the model of a script LayerLab exported (its
LayerLabModel, loss_fn and make_optimizer: the same layers, loss and optimizer settings as the tfjs model)
on the same training arrays, with the exported script's own step (shuffle, index a batch, forward, loss,
zero_grad, backward, step) and nothing else: no metrics, no evaluation, data already in memory as tensors.
Warm-up epochs are not timed; then whole epochs are timed until at least --min-seconds have passed.
Prints one JSON line: samples/s, the timed epochs and, from the probe, the BLAS this process loaded.

    python3 bench/torch_train.py model.py data.npz --probe DIR --batch 128 --threads 1 [--warmup 1] [--min-seconds 3]
"""
import argparse
import importlib.util
import json
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("script")
    ap.add_argument("data")
    ap.add_argument("--probe", required=True, help="folder holding layerlab_probe.py (src-main/torch/probe.ts PROBE_PY)")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("--max-epochs", type=int, default=50)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    sys.path.insert(0, args.probe)
    import layerlab_probe

    spec = importlib.util.spec_from_file_location("exported_model", args.script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    torch.manual_seed(1)
    xs, ys = mod.load_splits(argparse.Namespace(data=args.data, data_dir=None, limit=0))["train"]
    n = len(xs[0])
    model = mod.LayerLabModel()
    optimizer = mod.make_optimizer(model.parameters(), mod.CONFIG["training"]["learning_rate"])
    generator = torch.Generator().manual_seed(1)

    def epoch() -> float:
        """One shuffled pass; returns the mean batch loss (as tfjs reports an epoch's loss)."""
        model.train()
        order = torch.randperm(n, generator=generator)
        total = 0.0
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            preds = mod.as_tuple(model(*[x[idx] for x in xs]))
            loss = sum(mod.loss_fn(p, t[idx]) for p, t in zip(preds, ys))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        return total / n

    for _ in range(args.warmup):
        epoch()
    timed, seconds, loss = 0, 0.0, float("nan")
    while timed < args.max_epochs and (timed < 2 or seconds < args.min_seconds):
        t0 = time.perf_counter()
        loss = epoch()
        seconds += time.perf_counter() - t0
        timed += 1
    print(json.dumps({"samplesPerSec": n * timed / seconds, "samples": n, "epochs": timed, "seconds": seconds,
                      "loss": loss, "probe": layerlab_probe.probe()}))


if __name__ == "__main__":
    main()
