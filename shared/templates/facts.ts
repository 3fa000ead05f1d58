// What the template gallery and the README's templates table say about each template beyond its graph: the
// course chapter it belongs to and the full-scale result measured with `npm run bench -- --only templates`.
// One source: templates/index.ts puts these on every Template, and facts.test.ts checks that the README
// table says the same.

export const CHAPTERS = [
  { id: 'basics', title: 'Basics and MLP' },
  { id: 'cnn', title: 'CNN' },
  { id: 'recurrent', title: 'Recurrent shapes' },
  { id: 'seq2seq', title: 'Seq2seq and attention' },
  { id: 'transformer', title: 'Transformer and GPT' },
  { id: 'wavenet-snail', title: 'WaveNet and SNAIL' },
] as const;

export type ChapterId = (typeof CHAPTERS)[number]['id'];

/** A full-scale run with the settings the template opens with (its whole dataset, epochs and batch size). */
export interface FullScaleResult {
  /** What the run reached, as the README states it; for templates not trained here, why. */
  result: string;
  /** Wall-clock seconds on the bench machine (2 cores, wasm); null when not measured. */
  seconds: number | null;
}

export interface TemplateFacts {
  chapter: ChapterId;
  fullScale: FullScaleResult;
}

const notTrainable: FullScaleResult = { result: 'view-only: far too large to train here', seconds: null };

export const TEMPLATE_FACTS: Record<string, TemplateFacts> = {
  'mlp-mnist': {
    chapter: 'basics',
    fullScale: { result: 'val 0.955, test 0.957 (5 epochs, 7,200 / 800 / 2,000 bundled digits)', seconds: 230 },
  },
  'cnn-cifar10': {
    chapter: 'cnn',
    fullScale: { result: 'not measured: CIFAR-10 could not be downloaded on the machine that measured these results (the app downloads it for you: 162 MB)', seconds: null },
  },
  'lstm-mnist-rows': { chapter: 'recurrent', fullScale: { result: 'val 0.949, test 0.947 (5 epochs)', seconds: 115 } },
  'one-to-many-digit-names': {
    chapter: 'recurrent',
    fullScale: { result: 'val 0.958, test 0.961 per character (10 epochs)', seconds: 134 },
  },
  'many-to-many-tagging': { chapter: 'recurrent', fullScale: { result: 'val 1.000, test 1.000 (10 epochs)', seconds: 160 } },
  'long-dependency-simplernn': {
    chapter: 'recurrent',
    fullScale: {
      result:
        'not measured at full scale yet; the short test run (6 epochs, 2,000 sequences) reached val acc 0.15 (chance 0.125) where the LSTM reached 0.93 and the GRU 1.00',
      seconds: null,
    },
  },
  'long-dependency-lstm': {
    chapter: 'recurrent',
    fullScale: {
      result:
        'not measured at full scale yet; the short test run (6 epochs, 2,000 sequences) reached val acc 0.93 (the SimpleRNN 0.15)',
      seconds: null,
    },
  },
  'long-dependency-gru': {
    chapter: 'recurrent',
    fullScale: {
      result:
        'not measured at full scale yet; the short test run (6 epochs, 2,000 sequences) reached val acc 1.00 (the SimpleRNN 0.15)',
      seconds: null,
    },
  },
  'seq2seq-dates': {
    chapter: 'seq2seq',
    fullScale: {
      result:
        'val 0.976, test 0.977 per character teacher-forced; free-running (the decoder fed its own outputs) greedy 0.945, beam 3 0.954 (first 200 test dates); whole dates 0.788 both ways greedy, 0.830 beam (20 epochs, 8,000 pairs)',
      seconds: 2894,
    },
  },
  'seq2seq-dates-attention': {
    chapter: 'seq2seq',
    fullScale: {
      result:
        'not measured at full scale yet; the short test run reached free-running per-character val acc 0.788 (teacher-forced 0.878), 0.04 above the same run without attention',
      seconds: null,
    },
  },
  'transformer-encoder-mnist': { chapter: 'transformer', fullScale: { result: 'val 0.954, test 0.955 (10 epochs)', seconds: 155 } },
  'char-gpt': {
    chapter: 'transformer',
    fullScale: {
      result: 'val 0.285, test 0.261 next-character accuracy (20 epochs; the bundled text is only 5.7 KB, open your own .txt for more; measured 2026-12-02 at load 20 to 33)',
      seconds: 1983,
    },
  },
  'gpt-1': { chapter: 'transformer', fullScale: notTrainable },
  'gpt-2': { chapter: 'transformer', fullScale: notTrainable },
  'gpt-3': { chapter: 'transformer', fullScale: notTrainable },
  'wavenet-forecast': {
    chapter: 'wavenet-snail',
    fullScale: {
      result:
        'val MSE 0.0234 over all steps, test 0.0247; the forecast (last step) test MSE 0.0104, against a floor of 0.0050 (noise variance / series variance)',
      seconds: 1403,
    },
  },
  'snail-fewshot': {
    chapter: 'wavenet-snail',
    fullScale: {
      result:
        'not measured at full scale yet; the short test run (6 epochs, 3,000 episodes) reaches val acc 0.5 or more on held-out classes (chance 0.2)',
      seconds: null,
    },
  },
};

/** The time column of the README table: "1,149 s", or "-" when not measured. */
export function formatRunTime(seconds: number | null): string {
  return seconds === null ? '-' : `${seconds.toLocaleString('en-US')} s`;
}
