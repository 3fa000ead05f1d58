// The evaluation's free-running part for encoder-decoders trained with teacher forcing: per batch, the model is
// also decoded greedily (and, for the first samples, with beam search), feeding back its own predictions, and
// scored against the targets next to the teacher-forced predictions of the same samples.
import type * as tfTypes from '@tensorflow/tfjs';
import type { DecodingResult, DecodingScore } from '../../shared/api';
import { beamDecode, greedyDecode, type DecoderBinding } from '../engine/seq2seq-decode';
import type { TF } from '../engine/types';

export interface FreeRunningOptions {
  binding: DecoderBinding;
  /** Beam width; 0 or 1 = no beam search. */
  beamWidth?: number;
  /** Beam search runs on this many samples at most (it costs `beamWidth` times greedy decoding). */
  beamSamples?: number;
}

const EXAMPLES = 8;

class Score {
  private tokens = 0;
  private correctTokens = 0;
  private correctSequences = 0;
  samples = 0;

  add(predicted: number[], truth: number[]): boolean {
    let all = true;
    truth.forEach((t, i) => {
      if (predicted[i] === t) this.correctTokens++;
      else all = false;
    });
    this.tokens += truth.length;
    this.samples++;
    if (all) this.correctSequences++;
    return all;
  }

  result(): DecodingScore {
    return {
      tokenAccuracy: this.tokens > 0 ? this.correctTokens / this.tokens : NaN,
      sequenceAccuracy: this.samples > 0 ? this.correctSequences / this.samples : NaN,
      samples: this.samples,
    };
  }
}

export class DecodingStats {
  private readonly teacherForced = new Score();
  private readonly greedy = new Score();
  private readonly beam = new Score();
  private readonly wrong: DecodingResult['examples'] = [];
  private readonly right: DecodingResult['examples'] = [];

  constructor(private readonly opts: FreeRunningOptions) {}

  /**
   * One batch: model inputs `xs` (model order), the true tokens and the teacher-forced predictions of each sample
   * (`steps` per sample, flat), the index of its first sample in the split.
   */
  add(tf: TF, model: tfTypes.LayersModel, xs: tfTypes.Tensor[], start: number, truth: number[], teacherForced: number[]): void {
    const { binding, beamWidth = 0, beamSamples = 0 } = this.opts;
    const steps = binding.steps;
    const b = xs[0].shape[0];
    const greedy = greedyDecode(tf, model, xs, binding).tokens;
    const beamCount = beamWidth > 1 ? Math.max(0, Math.min(b, beamSamples - this.beam.samples)) : 0;
    let beam: number[][] = [];
    if (beamCount > 0) {
      const head = xs.map((x) => x.slice(0, beamCount));
      try {
        beam = beamDecode(tf, model, head, binding, beamWidth).tokens;
      } finally {
        tf.dispose(head);
      }
    }
    for (let i = 0; i < b; i++) {
      const target = truth.slice(i * steps, (i + 1) * steps);
      const forced = teacherForced.slice(i * steps, (i + 1) * steps);
      this.teacherForced.add(forced, target);
      const ok = this.greedy.add(greedy[i], target);
      if (i < beamCount) this.beam.add(beam[i], target);
      const list = ok ? this.right : this.wrong;
      if (list.length < EXAMPLES) list.push({ index: start + i, target, teacherForced: forced, greedy: greedy[i] });
    }
  }

  result(): DecodingResult {
    const out: DecodingResult = {
      teacherForced: this.teacherForced.result(),
      greedy: this.greedy.result(),
      examples: [...this.wrong, ...this.right].slice(0, EXAMPLES),
    };
    if (this.beam.samples > 0) out.beam = { ...this.beam.result(), width: this.opts.beamWidth! };
    return out;
  }
}
