// Help for every activation a layer offers (ACTIVATIONS in shared/layers/core/common.ts; the recurrent and
// Transformer feed-forward lists are subsets of it). Formulas as tfjs-layers 4.22 computes them.
import type { ActivationName } from '../layers/core/common';
import type { ParamSpec } from '../layers/types';
import type { TopicHelp } from './types';

export const ACTIVATION_HELP: Record<ActivationName, TopicHelp> = {
  linear: {
    title: 'linear (no activation)',
    formula: 'f(x) = x',
    intuition:
      'Leaves the values as they are. Without a non-linearity between them, a stack of layers is no more powerful ' +
      'than a single linear layer: W2 (W1 x) = (W2 W1) x.',
    whenToUse:
      'Regression outputs, embeddings and projections (e.g. a Dense that embeds tokens), and a layer followed by ' +
      'BatchNormalization and then an Activation layer.',
  },
  relu: {
    title: 'ReLU (rectified linear unit)',
    formula: 'f(x) = max(0, x)\nf\'(x) = 1 for x > 0, 0 for x < 0',
    intuition:
      'Cheap, and it does not saturate for positive inputs: the gradient passes through active units unchanged, ' +
      'which made deep networks trainable. A unit whose input stays negative outputs 0 and gets no gradient at all ' +
      '(a "dead" ReLU); too high a learning rate can kill many of them.',
    whenToUse: 'The default for hidden layers of MLPs and CNNs.',
  },
  sigmoid: {
    title: 'Sigmoid (logistic)',
    formula: 'f(x) = 1 / (1 + e^(−x))\nrange (0, 1)\nf\'(x) = f(x) · (1 − f(x)) ≤ 0.25',
    intuition:
      'Squashes any value into a probability. It saturates: the derivative is at most 0.25 (at x = 0) and nearly 0 ' +
      'for |x| > 5, so in a deep stack of sigmoids the gradient shrinks layer after layer (vanishing gradients), and ' +
      'its outputs are not centred on 0.',
    whenToUse:
      'A two-class or multi-label output with binary cross-entropy, and gates (LSTM and GRU use it inside). Not for ' +
      'the hidden layers of deep networks.',
  },
  tanh: {
    title: 'tanh (hyperbolic tangent)',
    formula: 'f(x) = (e^x − e^(−x))\n     / (e^x + e^(−x))\n     = 2 · sigmoid(2x) − 1\nrange (−1, 1),  f\'(0) = 1',
    intuition:
      'A sigmoid centred on 0 with a steeper middle. It still saturates for large |x|, but being bounded keeps a ' +
      'recurrent state from growing without limit.',
    whenToUse: 'The standard for recurrent layers (SimpleRNN state, the LSTM and GRU candidate); rarely used in deep feed-forward stacks today.',
  },
  softmax: {
    title: 'Softmax',
    formula: 'p_k = e^(x_k) / Σ_j e^(x_j)\n(over the last axis)',
    intuition:
      'Turns K scores (logits) into a probability distribution: all positive, summing to 1, in the same order as ' +
      'the scores. Adding the same constant to every score changes nothing; only differences matter. Unlike the ' +
      'other activations it is not element-wise: each output depends on all values of the last axis.',
    whenToUse:
      'The output of one-of-K classification, with (sparse) categorical cross-entropy. Attention uses it to turn ' +
      'scores into weights.',
  },
  elu: {
    title: 'ELU (exponential linear unit)',
    formula: 'f(x) = x          for x > 0\nf(x) = e^x − 1    for x ≤ 0',
    intuition:
      'Like ReLU for positive inputs, but smooth and negative down to −1 for negative ones, so units never die and ' +
      'mean activations stay closer to 0 (Clevert et al., 2016).',
    whenToUse: 'An alternative to ReLU in deep MLPs and CNNs, for a little more compute.',
  },
  selu: {
    title: 'SELU (scaled ELU)',
    formula: 'f(x) = λ · x              for x > 0\nf(x) = λ · α · (e^x − 1)  for x ≤ 0\n(λ ≈ 1.0507, α ≈ 1.6733)',
    intuition:
      'The constants are chosen so that, in a deep stack of Dense layers, activations are pulled towards mean 0 ' +
      'and variance 1 without BatchNorm ("self-normalising networks", Klambauer et al., 2017). The guarantee assumes ' +
      'LeCun-normal initial weights and no ordinary dropout; Dense layers here start from Glorot-uniform weights, so ' +
      'it holds only approximately.',
    whenToUse: 'Deep plain MLPs where BatchNorm is unwanted.',
  },
  relu6: {
    title: 'ReLU6',
    formula: 'f(x) = min(max(0, x), 6)',
    intuition: 'ReLU capped at 6. Bounded outputs survive low-precision (8-bit) arithmetic well.',
    whenToUse: 'Mobile networks (MobileNet uses it); otherwise plain ReLU.',
  },
  gelu: {
    title: 'GELU (Gaussian error linear unit)',
    formula: 'f(x) = x · Φ(x)\n     = 0.5 · x · (1 + erf(x / √2))\n(Φ: the standard normal CDF)',
    intuition:
      'A smooth ReLU: x is weighted by the probability that a standard normal variable is below it, so small ' +
      'negative values pass a little and there is no kink at 0 (Hendrycks and Gimpel, 2016). Dense and Conv layers ' +
      'use this exact form; the Transformer blocks\' feed-forward uses the tanh approximation ' +
      '0.5 · x · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³))), as GPT-2 does.',
    whenToUse: 'Transformers: BERT and GPT-2/3 use it in the feed-forward layers.',
  },
  swish: {
    title: 'Swish (SiLU)',
    formula: 'f(x) = x · sigmoid(x)',
    intuition:
      'Smooth and non-monotonic: it dips to about −0.28 near x = −1.28 before rising like ReLU. Found by an ' +
      'automated search (Ramachandran et al., 2017); often slightly better than ReLU in deep networks.',
    whenToUse: 'Deep CNNs (EfficientNet uses it); the gated feed-forward of some recent language models.',
  },
  mish: {
    title: 'Mish',
    formula: 'f(x) = x · tanh(softplus(x))\n     = x · tanh(log(1 + e^x))',
    intuition: 'Smooth and non-monotonic like Swish, with a slightly different shape (Misra, 2019); costlier to compute.',
    whenToUse: 'An alternative to Swish in CNNs (YOLOv4 uses it).',
  },
  softplus: {
    title: 'Softplus',
    formula: 'f(x) = log(1 + e^x)\nf\'(x) = sigmoid(x)',
    intuition: 'A smooth ReLU whose output is always positive.',
    whenToUse: 'Where an output must be positive, such as a standard deviation or a rate.',
  },
  softsign: {
    title: 'Softsign',
    formula: 'f(x) = x / (1 + |x|),  range (−1, 1)',
    intuition: 'Shaped like tanh, but it approaches ±1 polynomially rather than exponentially, so it saturates more slowly.',
    whenToUse: 'Occasionally in place of tanh; rarely needed.',
  },
  hardSigmoid: {
    title: 'Hard sigmoid',
    formula: 'f(x) = clip(0.2 · x + 0.5, 0, 1)\n(tfjs and Keras 2; other libraries\n use slope 1/6)',
    intuition: 'A piecewise-linear sigmoid, cheaper to compute: exactly 0 below −2.5 and exactly 1 above 2.5, where its gradient is 0.',
    whenToUse: 'Mobile and low-precision models; elsewhere the ordinary sigmoid.',
  },
};

/** A layer parameter that chooses an activation (Dense, Conv, recurrent cells, the Transformer feed-forward, ...). */
export function isActivationParam(key: string, spec: ParamSpec): boolean {
  return spec.type === 'enum' && /activation/i.test(key);
}

export function activationHelp(name: string): TopicHelp | undefined {
  return Object.hasOwn(ACTIVATION_HELP, name) ? ACTIVATION_HELP[name as ActivationName] : undefined;
}
