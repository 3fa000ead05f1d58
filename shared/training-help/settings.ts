// Help for the training settings other than the choice of optimizer, loss and schedule (those have a help per
// option in their own files). TOPIC: a setting's full help. NOTE: one line for the smaller fields of a
// section, shown under the field; the symbols refer to the formulas of the section's topic.
import type { TopicHelp } from './types';

export type SettingTopic =
  | 'learningRate'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | 'momentum'
  | 'weightDecay'
  | 'earlyStopping'
  | 'gradientClip'
  | 'backend'
  | 'engine'
  | 'diagnostics';

export const SETTING_HELP: Record<SettingTopic, TopicHelp> = {
  diagnostics: {
    title: 'Layer diagnostics: what each layer\'s gradients do',
    formula: 'every k batches, per layer:\n  ||g|| = sqrt(Σ g_i²)  (gradient)\n  ||w|| = sqrt(Σ w_i²)  (weights)\nper epoch: histograms, dead ReLUs,\n  ||dLoss/dx_t|| per time step',
    intuition:
      'Shows why a network learns or does not. Gradient norms that shrink layer by layer towards the input mean ' +
      'vanishing gradients (the early layers barely learn); norms that grow or spike mean exploding ones. A ReLU unit ' +
      'whose output is 0 for every sample is dead: it gets no gradient and never recovers (often after too high a ' +
      'learning rate). For a recurrent network the gradient reaching each input time step shows how far back it can learn.',
    whenToUse: 'On by default (every 10 batches costs a few percent); turn it off for the last bit of speed.',
  },
  learningRate: {
    title: 'Learning rate η: the step size',
    formula: 'w ← w − η · (optimizer\'s direction)\n(with a schedule: the starting\n rate η0)',
    intuition:
      'The step size, and the setting that matters most. Too high: the loss jumps around, rises, or turns NaN. ' +
      'Too low: the loss falls so slowly that training looks stuck. The best rate is usually a little below the ' +
      'one at which training diverges.',
    whenToUse:
      'Adam and AdamW: 0.001 (0.0001 to 0.003). SGD: 0.01 to 0.1. Search on a log scale (0.0001, 0.001, 0.01) in ' +
      'an experiment and compare the loss curves.',
  },
  batchSize: {
    title: 'Batch size B: samples per step',
    formula: 'g = (1/B) · Σ_(i in batch) dL_i/dw\nsteps per epoch = ceil(N / B)',
    intuition:
      'Each step averages the gradient over B samples. A larger batch gives a less noisy gradient (the noise falls ' +
      'like 1 / sqrt(B)) and keeps the hardware busier per sample, but takes fewer steps per epoch, and memory grows ' +
      'in proportion to B. Smaller batches are noisier, which often regularises. BatchNorm\'s statistics get noisy ' +
      'below about 8.',
    whenToUse:
      '32 to 256 is typical. When you change B a lot, change the learning rate with it (roughly in proportion for ' +
      'SGD: Goyal et al., 2017).',
  },
  epochs: {
    title: 'Epochs: passes over the training data',
    formula: 'one epoch = each training sample\n            seen once\n          = ceil(N / B) steps\ntotal steps = epochs · ceil(N / B)',
    intuition:
      'More epochs fit the training data better. Once the validation loss starts to rise while the training loss ' +
      'still falls, further epochs only memorise the training set (overfitting).',
    whenToUse:
      'Enough for the validation curve to flatten. Early stopping ends the run at the best epoch for you; a schedule ' +
      'such as cosine stretches with the number of epochs.',
  },
  seed: {
    title: 'Seed: what it makes repeatable',
    formula: 'same seed + same settings + same backend → same initial weights, batch order and dropout masks',
    intuition:
      'Training is random: the initial weights, the order of the batches, dropout. Runs that differ only in the seed ' +
      'differ by chance alone, so before deciding that a change helped, compare its effect with the spread between ' +
      'seeds. Which samples are held out for validation is decided by the dataset\'s own seed.',
    whenToUse: 'Keep it fixed while comparing settings; change it, or run several, to see how much is noise.',
  },
  momentum: {
    title: 'Momentum μ: how much speed is kept',
    formula: 'v ← μ · v + g\nw ← w − η · v',
    intuition:
      'How much of the previous velocity each step keeps. μ = 0 is plain SGD; μ = 0.9 averages roughly the last ' +
      '1 / (1 − μ) = 10 gradients and makes steps up to 10 times longer; 0.99 averages about 100.',
    whenToUse: '0.9 is the usual value; lower the learning rate when you raise μ.',
  },
  weightDecay: {
    title: 'Weight decay λ: shrinking weights (AdamW)',
    formula: 'after each Adam step:\nw ← w − η · λ · w',
    intuition:
      'Shrinks every weight by the fraction η · λ per step, independently of its gradient, so weights the loss does ' +
      'not need drift back towards 0. A regulariser like L2, but applied outside Adam\'s adaptive scaling.',
    whenToUse: '0.01 (PyTorch\'s default) to 0.1 (GPT-3). 0 turns AdamW into Adam.',
  },
  earlyStopping: {
    title: 'Early stopping: stop when validation stops improving',
    formula:
      'after each epoch: if the monitored value improved by more than Min change, remember this epoch and its ' +
      'weights; stop when Patience epochs in a row brought no improvement',
    intuition:
      'The validation loss usually falls, flattens, then rises as the model starts to overfit. Early stopping ends ' +
      'training near the bottom and, with Restore best weights, keeps that epoch\'s weights rather than the last ' +
      'ones: a cheap regulariser that also picks the number of epochs. The validation set then helped choose the ' +
      'model, so judge the result on the test split.',
    whenToUse: 'Runs with a validation split and more epochs than you expect to need; patience 3 to 10.',
  },
  gradientClip: {
    title: 'Gradient clipping: capping huge gradients',
    formula:
      'global norm c:\n  if ||g|| > c:  g ← g · c / ||g||\n  (||g|| over all weights together)\n' +
      'value v:\n  every element:\n  g_i ← min(max(g_i, −v), v)',
    intuition:
      'Caps the size of a step when the gradient is huge. It addresses EXPLODING gradients: in a recurrent network ' +
      'the gradient through time is a product of many Jacobians and can blow up, and the loss suddenly spikes or ' +
      'turns NaN. It does nothing for VANISHING gradients: clipping only makes large gradients smaller, never small ' +
      'ones larger; those need gated cells (LSTM, GRU), residual connections, normalisation or a better ' +
      'initialisation. Norm clipping keeps the gradient\'s direction; value clipping changes it.',
    whenToUse: 'Recurrent networks and Transformers (GPT-style training clips the global norm at 1.0), or whenever the loss spikes or turns NaN.',
  },
  backend: {
    title: 'Backend: where the arithmetic runs',
    formula: 'fastest to slowest:\nnative TensorFlow (tfjs-node)\n> WebAssembly (wasm)\n> plain JavaScript (cpu)',
    intuition:
      'Where the arithmetic runs. All three compute the same model; results agree up to floating-point rounding, ' +
      'but the speed differs several-fold (the training panel shows samples per second and which backend runs).',
    whenToUse: 'auto picks the fastest one that loads; choose another to compare speed or to reproduce a result exactly.',
  },
  engine: {
    title: 'Engine: which library trains the model',
    formula: 'TensorFlow.js: trains inside LayerLab\nPyTorch: runs the exported script\n  (python or torchrun), then hands the\n  trained weights back to LayerLab',
    intuition:
      'Both engines build the same layers with the same parameter count, loss, optimizer and schedule, so their curves ' +
      'mean the same. PyTorch uses fast native maths (BLAS on the CPU, CUDA on a GPU) and can split training over ' +
      'several processes or machines; its trained weights come back as a normal LayerLab run, so evaluation, export ' +
      'and comparisons work the same. Random initialisation and shuffling differ, so two engines never give the same curve.',
    whenToUse: 'TensorFlow.js for small models and when nothing else is installed; PyTorch when training is too slow, for a GPU, or for several machines.',
  },
};

/** One line for each smaller field of a training section (testId of the field -> text). */
export const FIELD_NOTES = {
  lrStepEpochs: 's in η0 · γ^floor(e / s): how many epochs each rate lasts.',
  stepGamma: 'γ: the rate is multiplied by this at every step (0.1 = ten times smaller).',
  exponentialGamma: 'γ in η0 · γ^e: 0.95 halves the rate about every 14 epochs.',
  lrMin: 'η_min, the rate the cosine reaches at the end of the run.',
  lrPatience: 'p: epochs without improvement (more than this many) before the rate is cut.',
  lrFactor: 'The rate is multiplied by this on a plateau (0.1 = ten times smaller).',
  esMonitor: 'Validation loss is the usual choice; training loss (without a validation split) cannot see overfitting.',
  esPatience: 'Epochs in a row without improvement before training stops.',
  esMinDelta: 'A change smaller than this does not count as an improvement.',
  esRestoreBest: 'End with the best epoch\'s weights instead of the last epoch\'s.',
  clipNorm: 'c, the largest global gradient norm allowed; 0 = off.',
  clipValue: 'v, the largest |value| allowed for any gradient element; 0 = off.',
  diagEvery: 'k: norms are recorded every k batches (1 = every batch, slower).',
  torchDevice: 'auto uses CUDA when PyTorch sees a GPU, else the CPU.',
  torchPython: 'The Python that has PyTorch, saved for this computer (not in the graph file). Empty: LAYERLAB_PYTHON, else python3.',
  torchProcs: 'Processes on each machine (torchrun --nproc_per_node); each trains on its share of every epoch. One per GPU.',
  torchNodes: 'Machines taking part (torchrun --nnodes). This computer is machine 1; run the command below on the others.',
  torchRendezvous: 'host:port of this computer as the other machines reach it (torchrun --master_addr and --master_port).',
} as const;
export type FieldNote = keyof typeof FIELD_NOTES;
