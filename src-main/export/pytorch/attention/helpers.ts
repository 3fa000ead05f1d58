// Python helper classes for the attention and transformer kinds. They mirror LayerLab's tfjs custom layers
// (src-main/engine/custom/{attention,multi-head-attention,positional,transformer}.ts) weight for weight:
// kernels in tfjs layout [d_in, d_out], the same -1e9 causal mask, layer norm epsilon 1e-5, tanh-GELU,
// so parameter counts equal LayerLab's and trained weights load unchanged.
import { PY_HELPERS } from '../helpers';

export const ATTENTION_PY_HELPERS: Record<string, { needs?: string[]; code: string }> = {
  glorot: {
    code: `
def glorot(fan_in, fan_out):
    """A [fan_in, fan_out] kernel in tfjs layout, Glorot-uniform initialised (tfjs's default)."""
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return nn.Parameter(torch.empty(fan_in, fan_out).uniform_(-limit, limit))
`,
  },
  attention_weights: {
    code: `
def attention_weights(logits, causal=False, hard=False):
    """softmax over the last axis after an optional causal mask (-1e9 where key j > query i, as LayerLab).
    hard: one-hot(argmax) forward with the soft weights' gradient (straight-through)."""
    if causal:
        tq, tk = logits.shape[-2], logits.shape[-1]
        logits = logits + torch.triu(logits.new_full((tq, tk), -1e9), diagonal=1)
    soft = torch.softmax(logits, dim=-1)
    if not hard:
        return soft
    one_hot = F.one_hot(soft.argmax(dim=-1), soft.shape[-1]).to(soft.dtype)
    return soft + (one_hot - soft).detach()
`,
  },
  LayerLabAttention: {
    needs: ['glorot', 'attention_weights'],
    code: `
class LayerLabAttention(nn.Module):
    """Attention over query [B, Tq, dq], value [B, Tk, dv], key [B, Tk, dk] (key defaults to value).
    score dot: q.k; scaled: q.k / sqrt(dk); additive (Bahdanau): v^T tanh(q W1 + k W2) with W1 [dq, u],
    W2 [dk, u], v [u, 1]. Returns (out [B, Tq, dv], weights [B, Tq, Tk])."""

    def __init__(self, score, mode, causal, query_dim, key_dim, units=0):
        super().__init__()
        self.score, self.hard, self.causal = score, mode == "hard", causal
        if score == "additive":
            u = units if units > 0 else key_dim
            self.W1 = glorot(query_dim, u)
            self.W2 = glorot(key_dim, u)
            self.v = glorot(u, 1)

    def forward(self, query, value, key=None):
        key = value if key is None else key
        if self.score == "additive":
            e = torch.tanh((query @ self.W1).unsqueeze(2) + (key @ self.W2).unsqueeze(1))  # [B, Tq, Tk, u]
            logits = (e @ self.v).squeeze(-1)
        else:
            logits = query @ key.transpose(1, 2)
            if self.score == "scaled":
                logits = logits / math.sqrt(key.shape[-1])
        weights = attention_weights(logits, self.causal, self.hard)
        return weights @ value, weights
`,
  },
  LayerLabMHA: {
    needs: ['glorot', 'attention_weights'],
    code: `
class LayerLabMHA(nn.Module):
    """Multi-head attention with Keras's weights: 2-D kernels query/key/value [d_in, heads * head_dim] and
    output [heads * head_value_dim, query_dim], optional biases. query [B, Tq, dq] -> [B, Tq, dq]."""

    def __init__(self, query_dim, key_dim, value_dim, heads, head_key_dim, head_value_dim, use_bias=True, causal=False, dropout=0.0):
        super().__init__()
        self.heads, self.head_key_dim, self.causal = heads, head_key_dim, causal
        hk, hv = heads * head_key_dim, heads * head_value_dim
        self.query_kernel = glorot(query_dim, hk)
        self.key_kernel = glorot(key_dim, hk)
        self.value_kernel = glorot(value_dim, hv)
        self.output_kernel = glorot(hv, query_dim)
        self.use_bias = use_bias
        if use_bias:
            self.query_bias = nn.Parameter(torch.zeros(hk))
            self.key_bias = nn.Parameter(torch.zeros(hk))
            self.value_bias = nn.Parameter(torch.zeros(hv))
            self.output_bias = nn.Parameter(torch.zeros(query_dim))
        self.dropout = nn.Dropout(dropout)

    def project(self, x, kernel, bias):
        y = x @ kernel
        if self.use_bias:
            y = y + bias
        b, t, hd = y.shape
        return y.reshape(b, t, self.heads, hd // self.heads).transpose(1, 2)  # [B, h, T, d]

    def forward(self, query, value, key=None):
        key = value if key is None else key
        q = self.project(query, self.query_kernel, getattr(self, "query_bias", None))
        k = self.project(key, self.key_kernel, getattr(self, "key_bias", None))
        v = self.project(value, self.value_kernel, getattr(self, "value_bias", None))
        weights = attention_weights(q @ k.transpose(-1, -2) / math.sqrt(self.head_key_dim), self.causal)
        ctx = (self.dropout(weights) @ v).transpose(1, 2)  # [B, Tq, h, dv]
        out = ctx.reshape(ctx.shape[0], ctx.shape[1], -1) @ self.output_kernel
        return out + self.output_bias if self.use_bias else out
`,
  },
  LayerLabPositionalEncoding: {
    code: `
class LayerLabPositionalEncoding(nn.Module):
    """x [B, T, d] + P[:T]. sinusoidal: P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(...), no weights;
    learned: a [max_length, d] table ('embeddings', init normal(0, 0.02) as LayerLab)."""

    def __init__(self, mode, max_length, d):
        super().__init__()
        self.mode = mode
        if mode == "learned":
            self.embeddings = nn.Parameter(torch.randn(max_length, d) * 0.02)

    def forward(self, x):
        steps, d = x.shape[1], x.shape[2]
        if self.mode == "learned":
            return x + self.embeddings[:steps]
        t = torch.arange(steps, dtype=torch.float64).unsqueeze(1)
        j = torch.arange(d)
        angle = t / torch.pow(10000.0, (2 * (j // 2)).double() / d)
        table = torch.where(j % 2 == 0, torch.sin(angle), torch.cos(angle)).to(x.dtype)
        return x + table
`,
  },
  LayerLabTransformerStack: {
    needs: ['LayerLabMHA'],
    code: `
class LayerLabTransformerBlock(nn.Module):
    """One encoder or decoder block as LayerLab builds it: self-attention (causal in a decoder), optional
    cross-attention to memory, feed-forward ff1 -> act -> ff2; each sub-layer with a residual and LayerNorm
    (eps 1e-5). Post-norm: x = LN(x + drop(f(x))); pre-norm: x = x + drop(f(LN(x)))."""

    def __init__(self, d, heads, head_dim, ff_dim, dropout, norm_first, activation, causal, memory_dim=None):
        super().__init__()
        self.norm_first, self.activation = norm_first, activation
        self.self_attention = LayerLabMHA(d, d, d, heads, head_dim, head_dim, True, causal, dropout)
        self.self_attention_norm = nn.LayerNorm(d, eps=1e-5)
        if memory_dim is not None:
            self.cross_attention = LayerLabMHA(d, memory_dim, memory_dim, heads, head_dim, head_dim, True, False, dropout)
            self.cross_attention_norm = nn.LayerNorm(d, eps=1e-5)
        self.ff1 = nn.Linear(d, ff_dim)
        self.ff2 = nn.Linear(ff_dim, d)
        self.ff_norm = nn.LayerNorm(d, eps=1e-5)
        self.drop = nn.Dropout(dropout)

    def residual(self, x, norm, f):
        if self.norm_first:
            return x + self.drop(f(norm(x)))
        return norm(x + self.drop(f(x)))

    def feed_forward(self, h):
        return self.ff2(self.activation(self.ff1(h)))

    def forward(self, x, memory=None):
        x = self.residual(x, self.self_attention_norm, lambda h: self.self_attention(h, h))
        if memory is not None and hasattr(self, "cross_attention"):
            x = self.residual(x, self.cross_attention_norm, lambda h: self.cross_attention(h, memory))
        return self.residual(x, self.ff_norm, self.feed_forward)


class LayerLabTransformerStack(nn.Module):
    """N identical blocks in one node (LayerLab's 'layers' parameter)."""

    def __init__(self, layers, **block):
        super().__init__()
        self.blocks = nn.ModuleList([LayerLabTransformerBlock(**block) for _ in range(layers)])

    def forward(self, x, memory=None):
        for b in self.blocks:
            x = b(x, memory)
        return x
`,
  },
};

// Registered into the shared helper table so helperCode() resolves them like the built-in ones.
Object.assign(PY_HELPERS, ATTENTION_PY_HELPERS);
