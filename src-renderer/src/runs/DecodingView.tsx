// Teacher-forced vs free-running accuracy of an encoder-decoder (EvaluationResult.decoding): the number a
// translator really achieves is the free-running one, where the decoder is fed its own previous outputs.
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-eval-block" data-testid="eval-decoding">
      <h4>{t('training:decoding.title')}</h4>
      <div className="ll-muted ll-small">
        {t('training:decoding.explain')}
      </div>
      <table className="ll-decoding">
        <thead>
          <tr>
            <th />
            <th>{t('training:decoding.perChar')}</th>
            <th>{t('training:decoding.wholeOutput')}</th>
            <th>{t('training:decoding.samples')}</th>
          </tr>
        </thead>
        <tbody>
          <Row name={t('training:decoding.teacherForced')} s={d.teacherForced} testId="decoding-teacher-forced" />
          <Row name={t('training:decoding.greedy')} s={d.greedy} testId="decoding-greedy" />
          {d.beam && <Row name={t('training:decoding.beam', { width: d.beam.width })} s={d.beam} testId="decoding-beam" />}
        </tbody>
      </table>
      {d.examples.length > 0 && (
        <table className="ll-decoding-examples">
          <thead>
            <tr>
              <th>{t('training:decoding.target')}</th>
              <th>{t('training:decoding.teacherForced')}</th>
              <th>{t('training:decoding.freeRunning')}</th>
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
