# Builds small torch modules, exports each with torch.onnx.export (opset 17, dynamic batch) and writes, per model,
# NAME.onnx and NAME.json: torch's parameter count, how LayerLab's count is expected to differ from it, one input batch
# and torch's outputs on it. Used by import-onnx.torch.test.ts.
import json
import sys

import torch
import torch.nn as nn

torch.manual_seed(0)
out_dir = sys.argv[1]
names = sys.argv[2].split(',') if len(sys.argv) > 2 else None


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.bn = nn.BatchNorm1d(16)
        self.fc2 = nn.Linear(16, 12)
        self.out = nn.Linear(12, 4)

    def forward(self, x):
        x = torch.relu(self.bn(self.fc1(x)))
        x = torch.tanh(self.fc2(x))
        return torch.softmax(self.out(torch.sigmoid(x)), dim=-1)


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 6, 3)
        self.conv3 = nn.Conv2d(6, 5, 1)
        self.fc = nn.Linear(6 * 4 * 4, 3)
        self.head = nn.Linear(5, 3)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)          # [4, 6, 6]
        x = torch.relu(self.conv2(x))                              # [6, 4, 4]
        flat = self.fc(torch.flatten(x, 1))                        # CHW-ordered flatten
        pooled = self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(self.conv3(x), 1), 1))
        return flat + pooled


class BNCNN(nn.Module):
    """BatchNorm2d after a conv, with average pooling; torch folds the BatchNorm into the conv in eval mode."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3, padding=1)
        self.bn = nn.BatchNorm2d(3)
        self.fc = nn.Linear(3 * 4 * 4, 2)

    def forward(self, x):
        x = nn.functional.avg_pool2d(torch.relu(self.bn(self.conv(x))), 2)
        return self.fc(x.view(x.size(0), -1))


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(5, 8, batch_first=True)
        self.lstm2 = nn.LSTM(8, 6, batch_first=True)
        self.fc = nn.Linear(6, 2)

    def forward(self, x):
        y, _ = self.lstm(x)
        _, (h, _) = self.lstm2(y)
        return self.fc(h[-1])


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(4, 16)
        layer = nn.TransformerEncoderLayer(d_model=16, nhead=2, dim_feedforward=32, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=1)
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)))


class Encoder2(nn.Module):
    """Two stacked encoder layers: torch's exporter shares their equal initial weights through Identity nodes."""
    def __init__(self):
        super().__init__()
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), num_layers=2)

    def forward(self, x):
        return self.encoder(x)


class SeqNet(nn.Module):
    """Conv1d over [N, C, L] (+ BatchNorm1d, which the exporter folds into it), an RNN over the steps, its last step (y[:, -1])."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm1d(4)
        self.rnn = nn.RNN(4, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        h = torch.relu(self.bn(self.conv(x))).transpose(1, 2)  # [N, L, C]
        y, _ = self.rnn(h)
        return self.fc(y[:, -1])


class GRUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 4, batch_first=True)

    def forward(self, x):
        return self.gru(x)[0]


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return torch.erf(self.fc(x)) + torch.floor(x)


def randomise_bn(m):
    # Non-trivial running statistics, so the import of BatchNorm is really tested.
    for mod in m.modules():
        if isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            mod.running_mean.uniform_(-0.5, 0.5)
            mod.running_var.uniform_(0.5, 1.5)
            nn.init.uniform_(mod.weight, 0.5, 1.5)
            nn.init.uniform_(mod.bias, -0.5, 0.5)


MODELS = {
    # name: (module, input shape, LayerLab's parameter count minus torch's sum(p.numel()), and why)
    'mlp': (MLP, (3, 8), 2 * 16),             # BatchNorm1d's running mean and variance: buffers in torch, counted by tfjs
    'cnn': (CNN, (3, 2, 12, 12), 0),
    'bncnn': (BNCNN, (3, 1, 8, 8), -6),        # BatchNorm2d's gamma and beta, folded into the conv by the exporter
    'lstm': (LSTMNet, (3, 7, 5), -(4 * 8 + 4 * 6)),  # torch's second bias vector of each LSTM (summed into one)
    'encoder': (Encoder, (3, 6, 4), 0),
    'encoder2': (Encoder2, (3, 5, 8), 0),
    'seq': (SeqNet, (3, 3, 9), -2 * 4 - 5),   # BatchNorm1d folded into the conv by the exporter (-8), the RNN's second bias summed (-5)
    'gru': (GRUNet, (3, 5, 3), 0),
    'unsupported': (Unsupported, (2, 4), 0),
}

for name, (cls, shape, difference) in MODELS.items():
    if names and name not in names:
        continue
    m = cls()
    randomise_bn(m)
    m.eval()
    x = torch.randn(*shape)
    axes = {'x': {0: 'batch'}, 'y': {0: 'batch'}}
    torch.onnx.export(m, x, f'{out_dir}/{name}.onnx', opset_version=17, input_names=['x'], output_names=['y'], dynamic_axes=axes)
    with torch.no_grad():
        y = m(x)
    info = {
        'params': sum(p.numel() for p in m.parameters()),
        'difference': difference,
        'input': x.flatten().tolist(), 'inputShape': list(x.shape),
        'output': y.flatten().tolist(), 'outputShape': list(y.shape),
    }
    with open(f'{out_dir}/{name}.json', 'w') as f:
        json.dump(info, f)
    print('wrote', name)
