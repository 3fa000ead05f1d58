// `layerlab predict --run RUN_ID (--sample N | --text PROMPT --generate N ...) [--json]`.
import type { CliCommand } from './args';

export const predictCommand: CliCommand = {
  name: 'predict',
  usage: 'predict --run ID (--sample N | --text TEXT [--generate N])',
  summary: 'use a trained run: the prediction for a test sample, or generated text',
  help: [
    'Usage: layerlab predict --run RUN_ID --sample N [--json] [--layers]',
    '       layerlab predict --run RUN_ID --text "PROMPT" --generate N [--temperature T] [--top-k K] [--seed S]',
    '',
    'Loads a stored run (see `layerlab train`), its trained weights and its dataset, prepares the input',
    'exactly as training prepared its data, and prints what the model makes of it.',
    '',
    'Options:',
    '  --run ID          the run to use (its id, as `layerlab train` prints it)',
    '  --sample N        test sample N (the validation split when the dataset has no test split)',
    '  --text TEXT       text for a character model (a prompt) or a seq2seq model (the source)',
    '  --generate N      character models: print TEXT followed by N generated characters',
    '  --temperature T   generation: > 0, default 1 (lower = more certain, higher = more varied)',
    '  --top-k K         generation: draw only among the K most probable characters (0 = all, 1 = greedy)',
    '  --seed S          generation: the random seed (same seed, same text), default 1',
    '  --steps K         time series: forecast K steps (default: the dataset\'s horizon)',
    '  --layers          a table of every layer\'s activation for this input: shape, mean, std, min, max, zeros %',
    '  --json            print the result as JSON; for a classifier {"prediction", "probabilities", ...}',
    '',
    'Exit code 0 on success, 1 when the run cannot be loaded, 2 on bad input (a sample out of range,',
    'characters outside the vocabulary, an input the model does not read).',
  ].join('\n'),
  async run(args) {
    const { runPredict } = await import('./predict-run');
    return runPredict(args);
  },
};
