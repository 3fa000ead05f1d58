// Help for every optimizer the app offers (OptimizerName). The formulas are the updates the engine runs
// (src-main/engine/optimizers.ts, tfjs 4.22 defaults): g is the mini-batch gradient dL/dw, η the learning rate.
import type { OptimizerName } from '../graph/types';
import type { TopicHelp } from './types';

export const OPTIMIZER_HELP: Record<OptimizerName, TopicHelp> = {
  sgd: {
    title: 'SGD (stochastic gradient descent)',
    formula: 'w ← w − η · g\n(g = dL/dw, averaged over the\n mini-batch)',
    intuition:
      'Every weight takes a step downhill on the loss of the current batch, of size learning rate times gradient. ' +
      'The batch gradient is a noisy estimate of the gradient over all the data (hence "stochastic"); the noise ' +
      'even helps to leave sharp minima. One rate serves every weight, so it must be small enough for the steepest ' +
      'direction, which makes progress slow along the flat ones.',
    whenToUse:
      'The baseline to compare the others with. It needs a larger rate than Adam (0.01 to 0.1) and usually a ' +
      'schedule. Add momentum for speed: with momentum and a good schedule it often generalises as well as Adam or ' +
      'better on image models.',
  },
  momentum: {
    title: 'SGD with momentum',
    formula: 'v ← μ · v + g\nw ← w − η · v\n(μ = momentum, default 0.9)',
    intuition:
      'v is a velocity: a decaying sum of past gradients. Where successive gradients agree, it builds up speed ' +
      '(up to 1 / (1 − μ) = 10 times the gradient at μ = 0.9); where they flip sign, as when zig-zagging across a ' +
      'narrow valley, they cancel: like a heavy ball rolling downhill.',
    whenToUse:
      'Almost always better than plain SGD. Steps grow up to 1 / (1 − μ) times, so use a smaller rate than for plain ' +
      'SGD (0.01 is a good start at μ = 0.9).',
  },
  nesterov: {
    title: 'SGD with Nesterov momentum',
    formula: 'v ← μ · v + g\nw ← w − η · (g + μ · v)',
    intuition:
      'Nesterov\'s accelerated gradient in the form tfjs, Keras and PyTorch use: the step adds the gradient to the ' +
      'velocity that has already been updated, which amounts to looking one momentum step ahead. Where plain momentum ' +
      'overshoots the bottom of a valley, Nesterov starts to turn one step earlier and oscillates less.',
    whenToUse:
      'A drop-in replacement for momentum, with the same rate and μ; often a little faster and steadier ' +
      '(Sutskever et al., 2013, trained deep networks with it).',
  },
  adam: {
    title: 'Adam (adaptive moment estimation)',
    formula:
      'm ← β1 · m + (1 − β1) · g\n' +
      'v ← β2 · v + (1 − β2) · g²\n' +
      'm̂ = m / (1 − β1^t)\n' +
      'v̂ = v / (1 − β2^t)\n' +
      'w ← w − η · m̂ / (sqrt(v̂) + ε)\n' +
      '(t = step number;\n β1 = 0.9, β2 = 0.999, ε = 1e-7)',
    intuition:
      'Momentum (m, the running mean of the gradient) plus a step size of its own for every weight: dividing by ' +
      'sqrt(v), the root mean square of recent gradients, makes each step about η long whatever the scale of that ' +
      'weight\'s gradient, so weights with tiny gradients still move. m and v start at 0, so early on they are too ' +
      'small; the bias corrections 1 / (1 − β^t) undo that exactly. At step 1, m̂ = g and v̂ = g², so every weight ' +
      'moves by η in the direction of −g; the correction fades as β^t goes to 0.',
    whenToUse:
      'The usual default: it works with little tuning at η = 0.001 (0.0001 to 0.003). If validation accuracy lags ' +
      'behind SGD with momentum, or the model is large, try AdamW.',
  },
  adamw: {
    title: 'AdamW (Adam with decoupled weight decay)',
    formula: 'the Adam step, then\nw ← w − η · λ · w\n(λ = weight decay, default 0.01)',
    intuition:
      'Weight decay pulls every weight a little towards 0 at each step, which keeps the model simpler and usually ' +
      'generalises better. Adding an L2 penalty λ · w to the gradient of plain Adam does not do this well: the penalty ' +
      'is divided by sqrt(v̂) like the rest of the gradient, so exactly the weights with large gradients are hardly ' +
      'regularised. AdamW (Loshchilov and Hutter, 2019) decouples the decay from the adaptive step: every weight ' +
      'shrinks by the same fraction η · λ. The decay scales with the learning rate, so a schedule lowers both.',
    whenToUse:
      'The standard for Transformers and GPT-style models, with λ from 0.01 to 0.1 (GPT-3 used 0.1) and a schedule. ' +
      'Here every weight with a gradient is decayed, biases and normalisation gains included, as torch.optim.AdamW ' +
      'over model.parameters() does.',
  },
  adamax: {
    title: 'Adamax (Adam with the infinity norm)',
    formula:
      'm ← β1 · m + (1 − β1) · g\n' +
      'u ← max(β2 · u, |g|)\n' +
      'w ← w − η / (1 − β1^t) · m / (u + ε)\n' +
      '(β1 = 0.9, β2 = 0.999)',
    intuition:
      'A variant from the Adam paper (Kingma and Ba, 2015): instead of the root mean square of past gradients it ' +
      'divides by u, a slowly decaying maximum of their absolute values. u needs no bias correction, and no step is ' +
      'longer than η (the paper shows |Δw| ≤ η).',
    whenToUse:
      'An alternative when Adam is unstable; Keras\'s documentation says it is sometimes better than Adam in ' +
      'models with embeddings. Its usual rate is 0.002.',
  },
  rmsprop: {
    title: 'RMSprop',
    formula: 's ← ρ · s + (1 − ρ) · g²\nw ← w − η · g / sqrt(s + ε)\n(ρ = 0.9, ε = 1e-7)',
    intuition:
      'Divides each weight\'s gradient by the root mean square of its recent gradients (Hinton\'s lecture notes, ' +
      '2012), so all weights take steps of similar size: larger where gradients are small, no blow-up where they are ' +
      'large. Unlike Adagrad the average forgets old gradients, so steps do not shrink to nothing. Adam is RMSprop ' +
      'plus momentum and bias correction.',
    whenToUse:
      'A classic for recurrent networks and reinforcement learning; start at η = 0.001. This one has no momentum ' +
      'and is not centred (tfjs defaults).',
  },
  adagrad: {
    title: 'Adagrad',
    formula: 'G ← G + g²   (G starts at 0.1)\nw ← w − η · g / sqrt(G + ε)',
    intuition:
      'Each weight\'s rate is divided by the square root of the sum of ALL its squared gradients so far (Duchi et ' +
      'al., 2011). Rarely updated weights, such as the embeddings of rare words, keep large steps; often updated ones ' +
      'slow down. Because G only grows, every step size falls roughly like 1 / sqrt(t) and training eventually stalls.',
    whenToUse:
      'Sparse features and embeddings, and convex problems; it needs a larger rate (0.01 to 0.1). For long training ' +
      'of deep networks prefer RMSprop or Adam, which forget old gradients.',
  },
  adadelta: {
    title: 'Adadelta',
    formula:
      's ← ρ · s + (1 − ρ) · g²\n' +
      'Δ = sqrt(d + ε) / sqrt(s + ε) · g\n' +
      'd ← ρ · d + (1 − ρ) · Δ²\n' +
      'w ← w − η · Δ\n' +
      '(ρ = 0.95, ε = 1e-7)',
    intuition:
      'Zeiler (2012) fixes Adagrad\'s ever-shrinking steps with a decaying average s, and replaces the global rate ' +
      'with sqrt(d), the root mean square of recent updates, so a step is on the scale of the weight itself. The ' +
      'first steps are tiny (about 0.001) and grow as d builds up.',
    whenToUse:
      'The published method has no learning rate: set η = 1 (PyTorch\'s default). At a usual rate such as 0.001 it ' +
      'barely moves.',
  },
};
