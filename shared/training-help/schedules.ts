// Help for every learning-rate schedule the app offers (LrScheduleType), with the formulas the engine uses
// (src-main/engine/schedules.ts): e is the 0-based epoch, η0 the Learning rate setting, E the number of epochs.
import type { LrScheduleType } from '../graph/types';
import type { TopicHelp } from './types';

export const SCHEDULE_HELP: Record<LrScheduleType, TopicHelp> = {
  none: {
    title: 'Constant learning rate',
    formula: 'η_e = η0 for every epoch',
    intuition:
      'The same step size from start to end. Near a minimum, the noise of the mini-batch gradient keeps the weights ' +
      'jumping around at a distance that grows with η; a schedule that lowers η later lets them settle.',
    whenToUse: 'Short runs, first experiments, and Adam at its default rate. Add a schedule once the loss curve flattens.',
  },
  step: {
    title: 'Step decay',
    formula: 'η_e = η0 · γ^floor(e / s)\n(s = every, γ = multiply by;\n defaults 10 and 0.1)',
    intuition:
      'Train at a high rate while the loss falls, then cut it, typically tenfold, for finer steps. Each cut often ' +
      'makes the loss drop sharply: the classic recipe for training image classifiers with SGD and momentum ' +
      '(ResNet divided the rate by 10 twice).',
    whenToUse: 'SGD with momentum on long runs; put the cuts where the validation loss has flattened.',
  },
  exponential: {
    title: 'Exponential decay',
    formula: 'η_e = η0 · γ^e\n(γ = multiply per epoch,\n default 0.95)',
    intuition:
      'A smooth version of step decay: the rate shrinks by the same factor every epoch, halving every ' +
      'ln 0.5 / ln γ epochs (about 14 at γ = 0.95).',
    whenToUse: 'When you want a steady decay without choosing cut points. Check that η0 · γ^E is not so small that the last epochs learn nothing.',
  },
  cosine: {
    title: 'Cosine annealing',
    formula: 'η_e = η_min + (η0 − η_min)\n      · (1 + cos(π · e / E)) / 2\n(E = Epochs; as PyTorch\n CosineAnnealingLR)',
    intuition:
      'Falls slowly at first, fastest halfway, and levels off near η_min at the end (Loshchilov and Hutter, 2017): ' +
      'long at a high rate for progress, long at a low rate for settling, with no cut points to choose. The curve ' +
      'stretches with the number of epochs, so a longer run also decays more slowly.',
    whenToUse: 'A strong default for runs of known length, with SGD or AdamW; common for Transformers (usually after a short warm-up, which LayerLab does not offer).',
  },
  plateau: {
    title: 'Reduce on plateau',
    formula:
      'after each epoch: if val_loss (loss without validation) has not improved by more than 0.01% for more than p ' +
      'epochs in a row:\nη ← max(η_min, η · factor)',
    intuition:
      'Lowers the rate only when learning has stalled, by watching the loss instead of following a timetable. The ' +
      'training panel\'s learning-rate chart shows each epoch\'s rate, and the run\'s log says when it was cut.',
    whenToUse: 'When you do not know in advance when the loss will flatten. patience 2 to 10, factor 0.1 to 0.5.',
  },
};
