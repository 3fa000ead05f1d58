// The log line that reports the evaluation after training, in English (the run log, the CLI) and as a code with
// its values (the renderer says it in the chosen language: runlog:eval.*).
import type { EvaluationResult, LogDetail } from '../../shared/api';

/** "Evaluated on N test samples: loss ..., accuracy ...", in English and as a code with its values. */
export function evaluationLine(
  evaluation: Pick<EvaluationResult, 'samples' | 'loss' | 'accuracy' | 'decoding'>,
  which: 'test' | 'validation',
): { message: string; detail: LogDetail } {
  const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
  // With its thousands separator ("2,000"), in both languages.
  const samples = evaluation.samples.toLocaleString('en-US');
  const params = { samples, split: which, loss: evaluation.loss.toFixed(4) };
  const d = evaluation.decoding;
  const acc = evaluation.accuracy !== undefined ? percent(evaluation.accuracy) : undefined;
  const lead = `Evaluated on ${samples} ${which} samples: loss ${params.loss}`;
  if (acc === undefined) return { message: lead, detail: { code: 'eval.done', params } };
  if (!d) return { message: `${lead}, accuracy ${acc}`, detail: { code: 'eval.doneAccuracy', params: { ...params, accuracy: acc } } };
  const free = percent(d.greedy.tokenAccuracy);
  return {
    message: `${lead}, accuracy ${acc} teacher-forced, ${free} free-running (greedy)`,
    detail: { code: 'eval.doneDecoding', params: { ...params, accuracy: acc, freeRunning: free } },
  };
}
