// Teacher-forced vs free-running accuracy of an encoder-decoder (EvaluationResult.decoding): the number a
// translator really achieves is the free-running one, where the decoder is fed its own previous outputs.
import type { DecodingResult, DecodingScore } from '../../../shared/api';
import { sequenceText } from './sequenceText';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');

function Row({ name, s, testId }: { name: string; s: DecodingScore; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th>{name}</th>
      <td className="ll-mono">{pct(s.tokenAccuracy)}</td>
      <td className="ll-mono">{pct(s.sequenceAccuracy)}</td>
      <td className="ll-mono">{s.samples.toLocaleString('en-US')}</td>
    </tr>
  );
}

export function DecodingView({ decoding: d, names }: { decoding: DecodingResult; names?: string[] }) {
  return (
    <div className="ll-eval-block" data-testid="eval-decoding">
      <h4>Teacher forcing vs free-running</h4>
      <div className="ll-muted ll-small">
        Teacher-forced: the decoder is fed the true previous character, as in training. Free-running: it is fed its
        own previous prediction, the only option when there is no answer to feed; one wrong character can derail the
        rest (exposure bias). The free-running figures are what the model really does.
      </div>
      <table className="ll-decoding">
        <thead>
          <tr>
            <th />
            <th>per character</th>
            <th>whole output</th>
            <th>samples</th>
          </tr>
        </thead>
        <tbody>
          <Row name="teacher-forced" s={d.teacherForced} testId="decoding-teacher-forced" />
          <Row name="free-running (greedy)" s={d.greedy} testId="decoding-greedy" />
          {d.beam && <Row name={`free-running (beam ${d.beam.width})`} s={d.beam} testId="decoding-beam" />}
        </tbody>
      </table>
      {d.examples.length > 0 && (
        <table className="ll-decoding-examples">
          <thead>
            <tr>
              <th>target</th>
              <th>teacher-forced</th>
              <th>free-running</th>
            </tr>
          </thead>
          <tbody>
            {d.examples.map((x) => (
              <tr key={x.index}>
                <td><code>{sequenceText(x.target, names)}</code></td>
                <td><code>{sequenceText(x.teacherForced, names)}</code></td>
                <td className={x.greedy.every((t, i) => t === x.target[i]) ? 'ok' : 'wrong'}><code>{sequenceText(x.greedy, names)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
