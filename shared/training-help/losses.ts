// Help for every loss the app offers (LossName). y is the target, p or ŷ the model's output; every loss is
// averaged over the batch (and over the time steps of a sequence output).
import type { LossName } from '../graph/types';
import type { TopicHelp } from './types';

export const LOSS_HELP: Record<LossName, TopicHelp> = {
  categoricalCrossentropy: {
    title: 'Categorical cross-entropy (one-hot labels)',
    formula: 'L = − Σ_k y_k · log p_k\n(y one-hot, p the softmax output)\nwith true class c:  L = − log p_c',
    intuition:
      'Only the probability the model gives the right class counts: the loss is 0 when p_c = 1 and grows without ' +
      'bound as p_c goes to 0, so confident mistakes cost the most. After a softmax its gradient with respect to the ' +
      'scores (logits) is simply p − y. Guessing uniformly among K classes gives log K (2.30 for 10 classes): a first ' +
      'loss far above that means something is wrong. p is clipped away from 0 so the log stays finite.',
    whenToUse:
      'Classification with a softmax output and one-hot labels (dataset Labels: one-hot, target [K]). With ' +
      'class-index labels use the sparse version: the same loss, another label format.',
  },
  sparseCategoricalCrossentropy: {
    title: 'Sparse categorical cross-entropy (class-index labels)',
    formula: 'L = − log p_y\n(y an integer class index,\n p the softmax output)',
    intuition:
      'Exactly the categorical cross-entropy of the one-hot vector of y, but the label is stored as one index ' +
      'instead of K numbers: with 64 positions and 100 possible characters, 64 numbers per sample instead of 6,400.',
    whenToUse:
      'Classification with class-index labels (dataset Labels: class index), especially with many classes, as in ' +
      'language and character models. The output layer is still a softmax over the K classes.',
  },
  binaryCrossentropy: {
    title: 'Binary cross-entropy',
    formula: 'L = − [ y · log p\n        + (1 − y) · log(1 − p) ]\n(p a sigmoid output in (0, 1),\n y 0 or 1)',
    intuition:
      'Cross-entropy for yes/no answers: each output is its own probability of "yes". With several sigmoid outputs ' +
      'every label is on or off independently (multi-label), unlike softmax, where exactly one class is right.',
    whenToUse:
      'One sigmoid unit for a two-class problem, or several for multi-label problems. For one-of-K classes use ' +
      'categorical cross-entropy with softmax.',
  },
  meanSquaredError: {
    title: 'Mean squared error (MSE)',
    formula: 'L = mean over outputs of (y − ŷ)²',
    intuition:
      'Squares each error, so large errors dominate and one outlier can pull the fit. The best constant prediction ' +
      'is the mean of y, and minimising MSE predicts the conditional mean; with Gaussian noise it is the negative ' +
      'log-likelihood up to a constant. Always predicting the mean scores the variance of the target (1 for a ' +
      'standardised target): the baseline a useful model must beat.',
    whenToUse:
      'Regression with a linear output (no activation), as in the WaveNet forecaster. Not for classification: with a ' +
      'sigmoid or softmax output its gradient almost vanishes when the model is confidently wrong.',
  },
  meanAbsoluteError: {
    title: 'Mean absolute error (MAE)',
    formula: 'L = mean over outputs of |y − ŷ|',
    intuition:
      'The cost grows in proportion to the error, so outliers pull less than with MSE; minimising it predicts the ' +
      'conditional median. Its gradient is ±1 however small the error, so it does not slow down near the optimum: ' +
      'a schedule or a lower rate helps it settle.',
    whenToUse: 'Regression with outliers or heavy-tailed noise, or when you want the error on the same scale as the target.',
  },
};
