// Character models: a prompt and the generation settings; the generated text with every character a button
// that shows the distribution it was drawn from; the attention of the last position per block and head.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { PredictResult } from '../../../shared/api';
import { useTry } from '../store/stores';
import { ProbabilityBars } from './ProbabilityBars';

type Generation = Extract<PredictResult, { kind: 'generation' }>;

const shown = (ch: string) => (ch === ' ' ? '␣' : ch === '\n' ? '↵' : ch);

export function GenerateControls({ onGenerate, busy }: { onGenerate(prompt: string): void; busy: boolean }) {
  const { t } = useTranslation(['training']);
  const { generate, setGenerate, info } = useTry();
  const [prompt, setPrompt] = useState('Shall I compare thee');
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback);
  return (
    <form
      className="ll-try-generate"
      onSubmit={(e) => {
        e.preventDefault();
        onGenerate(prompt);
      }}
    >
      <label className="ll-try-field ll-try-prompt">
        <span>{t('training:try.prompt')}</span>
        <textarea rows={2} value={prompt} data-testid="try-prompt" onChange={(e) => setPrompt(e.target.value)} placeholder={t('training:try.promptPlaceholder')} />
      </label>
      <div className="ll-try-settings">
        <label className="ll-try-field">
          <span>{t('training:try.characters')}</span>
          <input type="number" min={1} max={1000} value={generate.count} data-testid="try-count" onChange={(e) => setGenerate({ count: Math.max(1, Math.min(1000, Math.round(num(e.target.value, 40)))) })} />
        </label>
        <label className="ll-try-field" title={t('training:try.temperatureTitle')}>
          <span>{t('training:try.temperature')}</span>
          <input type="number" min={0.05} max={10} step={0.05} value={generate.temperature} data-testid="try-temperature" onChange={(e) => setGenerate({ temperature: Math.max(0.05, Math.min(10, num(e.target.value, 1))) })} />
        </label>
        <label className="ll-try-field" title={t('training:try.topKTitle')}>
          <span>Top-k</span>
          <input type="number" min={0} max={200} value={generate.topK} data-testid="try-topk" onChange={(e) => setGenerate({ topK: Math.max(0, Math.round(num(e.target.value, 0))) })} />
        </label>
        <label className="ll-try-field" title={t('training:try.seedTitle')}>
          <span>{t('training:settings.seed')}</span>
          <input type="number" min={0} value={generate.seed} data-testid="try-seed" onChange={(e) => setGenerate({ seed: Math.max(0, Math.round(num(e.target.value, 1))) })} />
        </label>
        <button type="submit" className="ll-btn ll-btn-primary ll-btn-small" data-testid="try-generate" disabled={busy || prompt.length === 0}>
          {busy ? t('training:try.generating') : t('training:try.generate')}
        </button>
      </div>
      {info?.context && <div className="ll-muted ll-small">{t('training:try.contextNote', { count: info.context })}</div>}
    </form>
  );
}

export function GenerationResult({ result }: { result: Generation }) {
  const { t } = useTranslation(['training']);
  const [step, setStep] = useState(0);
  const chosen = result.steps[Math.min(step, result.steps.length - 1)];
  return (
    <div className="ll-try-result" data-testid="try-result">
      <div className="ll-try-text" data-testid="try-generated" aria-label={t('training:try.generatedText')}>
        <span className="ll-try-prompt-text">{result.prompt}</span>
        {result.steps.map((s, i) => (
          <button
            type="button"
            key={i}
            className={`ll-try-token ${i === step ? 'active' : ''}`}
            style={{ background: `rgba(59, 130, 246, ${0.12 + 0.6 * s.p})` }}
            title={`step ${i + 1}: '${shown(s.token)}' drawn with probability ${(s.p * 100).toFixed(1)}%`}
            onClick={() => setStep(i)}
            onFocus={() => setStep(i)}
          >
            {s.token === '\n' ? '↵\n' : s.token}
          </button>
        ))}
      </div>
      {chosen && (
        <div className="ll-try-step">
          <div className="ll-small">
            Step {step + 1}: the distribution “<strong>{shown(chosen.token)}</strong>” was drawn from (after temperature and top-k: the most probable characters{chosen.top.length > 8 ? ', and the one drawn' : ''})
          </div>
          <ProbabilityBars items={chosen.top} predicted={chosen.top.findIndex((t) => t.name === chosen.token && t.p === chosen.p)} testId="try-step-bars" />
        </div>
      )}
      {result.attention.length > 0 && <LastAttention attention={result.attention} />}
    </div>
  );
}

function LastAttention({ attention }: { attention: Generation['attention'] }) {
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-try-attention" data-testid="try-last-attention">
      <h4>{t('training:try.lastAttention')}</h4>
      {attention.map((a) => (
        <div key={a.layer} className="ll-try-attn-layer">
          <div className="ll-muted ll-small">{a.layer}</div>
          <table className="ll-try-attn-rows">
            <tbody>
              {a.heads.map((h, i) => {
                const max = Math.max(...h, 1e-9);
                const from = Math.max(0, h.length - 32);
                return (
                  <tr key={i}>
                    <th>head {i + 1}</th>
                    {h.slice(from).map((w, k) => (
                      <td key={k} style={{ background: `rgba(250, 204, 21, ${w / max})` }} title={`'${shown(a.tokens[from + k])}': ${(w * 100).toFixed(1)}%`}>
                        {shown(a.tokens[from + k])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      <div className="ll-muted ll-small">{t('training:try.lastAttentionNote')}</div>
    </div>
  );
}
