// Python helper classes the generated PyTorch code uses, keyed by name; a script includes only the ones
// its layers ask for. They keep tfjs's tensor layout (channels last) and maths, so shapes, parameter
// counts and trained weights carry over from LayerLab unchanged.

export const PY_HELPERS: Record<string, { needs?: string[]; code: string }> = {
  tf_same_padding: {
    code: `
def tf_same_padding(size, kernel, stride, dilation=1):
    """TensorFlow 'same' padding along one axis: (before, after); the odd pixel goes after."""
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2
`,
  },
  LastAxisBatchNorm: {
    code: `
class LastAxisBatchNorm(nn.BatchNorm1d):
    """BatchNormalization over the last axis for inputs of any rank, as Keras/tfjs (axis=-1).
    Keras momentum m keeps m of the old moving average; PyTorch's momentum is the new share, 1 - m."""

    def forward(self, x):
        shape = x.shape
        return super().forward(x.reshape(-1, shape[-1])).reshape(shape)
`,
  },
  Conv2dNHWC: {
    needs: ['tf_same_padding'],
    code: `
class Conv2dNHWC(nn.Conv2d):
    """Conv2D on [batch, height, width, channels] (tfjs layout) with TensorFlow's 'same'/'valid' padding.
    Inside it runs PyTorch's NCHW convolution; the weight is [out, in, kh, kw] (tfjs: [kh, kw, in, out])."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, dilation=1, tf_padding="same"):
        super().__init__(in_channels, out_channels, kernel_size, stride=stride, dilation=dilation, padding=0)
        self.tf_padding = tf_padding

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)
        if self.tf_padding == "same":
            k, s, d = self.kernel_size[0], self.stride[0], self.dilation[0]
            top, bottom = tf_same_padding(x.shape[2], k, s, d)
            left, right = tf_same_padding(x.shape[3], k, s, d)
            x = F.pad(x, (left, right, top, bottom))
        return super().forward(x).permute(0, 2, 3, 1)
`,
  },
  Conv1dNWC: {
    needs: ['tf_same_padding'],
    code: `
class Conv1dNWC(nn.Conv1d):
    """Conv1D on [batch, time, features] (tfjs layout). 'causal' left-pads (kernel - 1) * dilation steps so an
    output never sees the future (WaveNet). The weight is [out, in, k] (tfjs: [k, in, out])."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, dilation=1, tf_padding="same"):
        super().__init__(in_channels, out_channels, kernel_size, stride=stride, dilation=dilation, padding=0)
        self.tf_padding = tf_padding

    def forward(self, x):
        x = x.transpose(1, 2)
        k, s, d = self.kernel_size[0], self.stride[0], self.dilation[0]
        if self.tf_padding == "same":
            x = F.pad(x, tf_same_padding(x.shape[2], k, s, d))
        elif self.tf_padding == "causal":
            x = F.pad(x, ((k - 1) * d, 0))
        return super().forward(x).transpose(1, 2)
`,
  },
  Pool2dNHWC: {
    needs: ['tf_same_padding'],
    code: `
class Pool2dNHWC(nn.Module):
    """Max or average pooling on [batch, height, width, channels] with TensorFlow padding: padded cells
    never win a max and are not counted in an average."""

    def __init__(self, mode, pool_size, stride, tf_padding="valid"):
        super().__init__()
        self.mode, self.pool_size, self.stride, self.tf_padding = mode, pool_size, stride, tf_padding

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)
        k, s = self.pool_size, self.stride
        pad = (0, 0, 0, 0)
        if self.tf_padding == "same":
            top, bottom = tf_same_padding(x.shape[2], k, s)
            left, right = tf_same_padding(x.shape[3], k, s)
            pad = (left, right, top, bottom)
        if self.mode == "max":
            y = F.max_pool2d(F.pad(x, pad, value=float("-inf")), k, s)
        else:
            total = F.avg_pool2d(F.pad(x, pad), k, s)
            count = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), pad), k, s)
            y = total / count
        return y.permute(0, 2, 3, 1)
`,
  },
  KerasRNN: {
    code: `
class KerasRNN(nn.Module):
    """SimpleRNN, LSTM or GRU with the weights and maths of Keras/tfjs: kernel [in, g * units],
    recurrent_kernel [units, g * units] and ONE bias [g * units] (g = 1, 4, 3; LSTM gates i, f, c, o; GRU
    gates z, r, h with the reset gate applied before the recurrent matrix, Keras reset_after=False).
    torch.nn.LSTM/GRU would keep a second bias vector (g * units more parameters than LayerLab counts) and
    nn.GRU applies the reset gate after the recurrent matrix, so this layer runs its own loop over time."""

    GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}

    def __init__(self, cell, in_features, units, activation=torch.tanh, return_sequences=False, go_backwards=False):
        super().__init__()
        g = self.GATES[cell]
        self.cell, self.units, self.activation = cell, units, activation
        self.return_sequences, self.go_backwards = return_sequences, go_backwards
        self.kernel = nn.Parameter(nn.init.xavier_uniform_(torch.empty(in_features, g * units)))
        self.recurrent_kernel = nn.Parameter(torch.cat([nn.init.orthogonal_(torch.empty(units, units)) for _ in range(g)], dim=1))
        self.bias = nn.Parameter(torch.zeros(g * units))

    def forward(self, x, initial_state=None):
        batch, steps, u = x.shape[0], x.shape[1], self.units
        if initial_state is None:
            initial_state = [x.new_zeros(batch, u) for _ in range(2 if self.cell == "LSTM" else 1)]
        h = initial_state[0]
        c = initial_state[1] if self.cell == "LSTM" else None
        xw = torch.matmul(x.float(), self.kernel) + self.bias  # the input part of every step at once
        # unbind, not xw[:, t] per step: each indexing's gradient is a zero-filled copy of all of xw (O(T^2))
        xw_steps = xw.unbind(1)
        rk = self.recurrent_kernel
        outputs = []
        for t in (range(steps - 1, -1, -1) if self.go_backwards else range(steps)):
            z = xw_steps[t]
            if self.cell == "SimpleRNN":
                h = self.activation(z + h @ rk)
            elif self.cell == "LSTM":
                i, f, g, o = (z + h @ rk).split(u, dim=1)
                c = torch.sigmoid(f) * c + torch.sigmoid(i) * self.activation(g)
                h = torch.sigmoid(o) * self.activation(c)
            else:
                xz, xr, xh = z.split(u, dim=1)
                zt = torch.sigmoid(xz + h @ rk[:, :u])
                rt = torch.sigmoid(xr + h @ rk[:, u:2 * u])
                hh = self.activation(xh + (rt * h) @ rk[:, 2 * u:])
                h = zt * h + (1 - zt) * hh
            outputs.append(h)
        out = torch.stack(outputs, dim=1) if self.return_sequences else h
        return out, ([h, c] if self.cell == "LSTM" else [h])
`,
  },
  KerasBidirectional: {
    needs: ['KerasRNN'],
    code: `
class KerasBidirectional(nn.Module):
    """Keras Bidirectional: one recurrent layer reads forwards, a copy reads backwards; outputs merge."""

    def __init__(self, cell, in_features, units, merge_mode="concat", return_sequences=False):
        super().__init__()
        self.merge_mode, self.return_sequences = merge_mode, return_sequences
        self.forward_layer = KerasRNN(cell, in_features, units, torch.tanh, return_sequences)
        self.backward_layer = KerasRNN(cell, in_features, units, torch.tanh, return_sequences, go_backwards=True)

    def forward(self, x):
        a, _ = self.forward_layer(x)
        b, _ = self.backward_layer(x)
        if self.return_sequences:
            b = torch.flip(b, dims=[1])
        if self.merge_mode == "concat":
            return torch.cat([a, b], dim=-1)
        if self.merge_mode == "sum":
            return a + b
        if self.merge_mode == "ave":
            return (a + b) / 2
        return a * b
`,
  },
};

/** The helper snippets for `names` plus what they need, each once, dependencies first. */
export function helperCode(names: Iterable<string>): string {
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    const h = PY_HELPERS[name];
    if (!h) throw new Error(`Unknown PyTorch helper '${name}'`);
    for (const dep of h.needs ?? []) visit(dep);
    ordered.push(name);
  };
  for (const n of names) visit(n);
  return ordered.map((n) => PY_HELPERS[n].code.trim()).join('\n\n\n');
}
