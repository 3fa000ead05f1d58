// One bar per class, the predicted class highlighted and the true one (of a test sample) marked.
import { useTranslation } from 'react-i18next';
import type { ClassProbability } from '../../../shared/api';

export function ProbabilityBars({ items, predicted, truth, testId = 'try-bars' }: { items: ClassProbability[]; predicted?: number; truth?: number; testId?: string }) {
  const { t } = useTranslation(['training']);
  return (
    <ol className="ll-try-bars" data-testid={testId} aria-label={t('training:try.probabilities')}>
      {items.map((c, i) => (
        <li
          key={`${c.name}-${i}`}
          className={`${i === predicted ? 'predicted' : ''} ${i === truth ? 'truth' : ''}`}
          data-testid="try-bar"
          data-class={c.name}
          data-p={c.p.toFixed(6)}
          title={`${c.name}: ${(c.p * 100).toFixed(2)}%${i === truth ? ' (true class)' : ''}`}
        >
          <span className="ll-try-bar-name">{c.name === ' ' ? '␣' : c.name === '\n' ? '↵' : c.name}</span>
          <span className="ll-try-bar-track">
            <i style={{ width: `${Math.max(0, Math.min(1, c.p)) * 100}%` }} />
          </span>
          <span className="ll-mono ll-try-bar-value">{(c.p * 100).toFixed(1)}%</span>
          {i === truth && <span className="ll-badge" title={t('training:try.trueClassTitle')}>{t('training:try.trueBadge')}</span>}
        </li>
      ))}
    </ol>
  );
}

export function ClassResult({ result }: { result: { prediction: number; probabilities: number[]; classNames: string[]; truth?: number } }) {
  const name = result.classNames[result.prediction];
  const right = result.truth === undefined ? '' : result.truth === result.prediction ? ' ✓ right' : ` ✗ (true: ${result.classNames[result.truth]})`;
  return (
    <div className="ll-try-result" data-testid="try-result" data-prediction={name}>
      <div className="ll-try-headline">
        Prediction: <strong data-testid="try-prediction">{name}</strong> ({(result.probabilities[result.prediction] * 100).toFixed(1)}%){right}
      </div>
      <ProbabilityBars items={result.probabilities.map((p, i) => ({ name: result.classNames[i], p }))} predicted={result.prediction} truth={result.truth} />
    </div>
  );
}
