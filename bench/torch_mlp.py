"""PyTorch reference for `npm run bench`: the same MLP (784-1024-512-512-10, ReLU, softmax cross-entropy,
Adam lr 0.001, batch 128) trained on the same samples. Prints one JSON line with samples/s.

    python3 bench/torch_mlp.py <x.f32> <labels.i32> <samples> <epochs> <batch> <hidden,comma,separated>
"""
import json
import sys
import time

import torch


def main() -> None:
    x_file, y_file, samples, epochs, batch, hidden = sys.argv[1:7]
    samples, epochs, batch = int(samples), int(epochs), int(batch)
    sizes = [784] + [int(h) for h in hidden.split(",")]
    with open(x_file, "rb") as f:
        x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(samples, 784)
    with open(y_file, "rb") as f:
        y = torch.frombuffer(bytearray(f.read()), dtype=torch.int32).long()
    if y.numel() != samples:
        raise SystemExit(f"{y_file}: {y.numel()} labels for {samples} samples")

    torch.manual_seed(1)
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers, torch.nn.Linear(sizes[-1], 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, as in the tfjs model

    def epoch() -> float:
        order = torch.randperm(samples)
        total = 0.0
        for start in range(0, samples, batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * idx.numel()
        return total / samples

    epoch()  # warm-up, like the tfjs rows
    t0 = time.perf_counter()
    for _ in range(epochs):
        last_loss = epoch()
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "samplesPerSec": samples * epochs / seconds,
        "loss": last_loss,
    }))


if __name__ == "__main__":
    main()
