// The Try panel: a trained (or running) run's model on an input the learner chooses, in a dialog over the app.
// Inputs fit the run's dataset (TryInfo.mode): draw or drop an image, pick a test sample, type a prompt or a
// date, pick a window of the series, type table values. The answer is computed in the host's job worker.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import type { TryInfo } from '../../../shared/api';
import { useTry } from '../store/stores';
import { DrawCanvas } from './DrawCanvas';
import { ClassResult } from './ProbabilityBars';
import { GenerateControls, GenerationResult } from './GenerateView';
import { EpisodeResult, ForecastResult, TranslationResult, ValuesResult } from './OtherViews';
import { TryImageView, imageFilePixels } from './TryImage';
import { toMnistDigit } from './mnistScale';
import './try.css';
import { errorText } from '../../../shared/i18n/error-text';
import { tryWeightsText } from '../../../shared/i18n/try-weights';
import { SPLIT_KEY } from '../dataset/DatasetPanel';

const isMnistLike = (info: TryInfo) => info.image?.width === 28 && info.image.height === 28 && info.image.channels === 1;

function SamplePicker({ info, label }: { info: TryInfo; label?: string }) {
  const { t } = useTranslation(['training']);
  const tryInput = useTry((s) => s.tryInput);
  const busy = useTry((s) => s.busy);
  const [index, setIndex] = useState(0);
  const max = Math.max(0, info.samples - 1);
  const go = (i: number) => {
    setIndex(i);
    void tryInput(info.mode === 'forecast' ? { kind: 'series', start: i } : { kind: 'sample', index: i });
  };
  return (
    <form
      className="ll-try-sample"
      onSubmit={(e) => {
        e.preventDefault();
        go(index);
      }}
    >
      <label className="ll-try-field">
        <span>
          {t('training:try.sampleRange', { label: label ?? t('training:try.testSample'), max, split: t(SPLIT_KEY[info.split]) })}
        </span>
        <input type="number" min={0} max={max} value={index} data-testid="try-sample-index" onChange={(e) => setIndex(Math.max(0, Math.min(max, Math.round(Number(e.target.value) || 0))))} />
      </label>
      <button type="submit" className="ll-btn ll-btn-small" data-testid="try-sample" disabled={busy || info.samples === 0}>
        {t('training:try.tryIt')}
      </button>
      <button type="button" className="ll-btn ll-btn-small" data-testid="try-random" disabled={busy || info.samples === 0} onClick={() => go(Math.floor(Math.random() * info.samples))}>
        {t('training:try.random')}
      </button>
    </form>
  );
}

function ImageInputs({ info }: { info: TryInfo }) {
  const tryInput = useTry((s) => s.tryInput);
  const [note, setNote] = useState<string | null>(null);
  const { t } = useTranslation(['training']);
  const image = info.image!;
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const channels = image.channels === 3 ? 3 : 1;
      if (isMnistLike(info)) {
        // Scaled like the training digits: light ink on dark, fitted into 20x20 and centred.
        const big = await imageFilePixels(file, 280, 280, 1);
        const mean = big.reduce((a, b) => a + b, 0) / big.length;
        const inverted = mean > 127;
        const grey = Float32Array.from(big, (v) => (inverted ? 255 - v : v));
        setNote(inverted ? t('training:try.inverted') : null);
        await tryInput({ kind: 'image', pixels: toMnistDigit({ width: 280, height: 280, data: grey }), width: 28, height: 28, channels: 1 });
      } else {
        setNote(t('training:try.scaled', { width: image.width, height: image.height }));
        await tryInput({ kind: 'image', pixels: await imageFilePixels(file, image.width, image.height, channels), width: image.width, height: image.height, channels });
      }
    } catch (err) {
      setNote(t('training:try.couldNotRead', { file: file.name, error: errorText(err) }));
    }
  };
  return (
    <div
      className="ll-try-inputs"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void onFile(e.dataTransfer.files[0]);
      }}
    >
      {isMnistLike(info) && <DrawCanvas onDigit={(pixels) => void tryInput({ kind: 'image', pixels, width: 28, height: 28, channels: 1 })} />}
      <div className="ll-try-input-row">
        <label className="ll-btn ll-btn-small ll-try-file">
          {t('training:try.openImage')}
          <input type="file" accept="image/*" data-testid="try-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        </label>
        <span className="ll-muted ll-small">{t('training:try.orDrop')}</span>
      </div>
      {note && <div className="ll-muted ll-small">{note}</div>}
      <SamplePicker info={info} />
    </div>
  );
}

function TextInput({ info }: { info: TryInfo }) {
  const tryInput = useTry((s) => s.tryInput);
  const busy = useTry((s) => s.busy);
  const [text, setText] = useState('march 3, 1998');
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-try-inputs">
      <form
        className="ll-try-input-row"
        onSubmit={(e) => {
          e.preventDefault();
          void tryInput({ kind: 'text', text });
        }}
      >
        <label className="ll-try-field ll-try-grow">
          <span>{t('training:try.textInput', { count: info.context, vocabulary: info.vocabulary?.replace(' ', '␣') })}</span>
          <input value={text} data-testid="try-text" onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="ll-btn ll-btn-primary ll-btn-small" data-testid="try-translate" disabled={busy || text.length === 0}>
          {t('training:try.translate')}
        </button>
      </form>
      <SamplePicker info={info} />
    </div>
  );
}

function TabularForm({ info }: { info: TryInfo }) {
  const tryInput = useTry((s) => s.tryInput);
  const busy = useTry((s) => s.busy);
  const columns = info.columns ?? [];
  const [values, setValues] = useState<number[]>(() => columns.map(() => 0));
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-try-inputs">
      <form
        className="ll-try-table"
        onSubmit={(e) => {
          e.preventDefault();
          void tryInput({ kind: 'features', values });
        }}
      >
        {columns.map((c, i) => (
          <label key={c.name} className="ll-try-field">
            <span>{c.name}</span>
            {c.kind === 'category' ? (
              <select value={values[i]} onChange={(e) => setValues(values.map((v, k) => (k === i ? Number(e.target.value) : v)))}>
                {c.categories.map((cat, k) => (
                  <option key={cat} value={k}>
                    {cat}
                  </option>
                ))}
              </select>
            ) : (
              <input type="number" step="any" value={values[i]} onChange={(e) => setValues(values.map((v, k) => (k === i ? Number(e.target.value) || 0 : v)))} />
            )}
          </label>
        ))}
        <button type="submit" className="ll-btn ll-btn-primary ll-btn-small" data-testid="try-features" disabled={busy}>
          {t('training:try.predict')}
        </button>
      </form>
      <SamplePicker info={info} />
    </div>
  );
}

function Inputs({ info }: { info: TryInfo }) {
  const tryInput = useTry((s) => s.tryInput);
  const busy = useTry((s) => s.busy);
  const { t } = useTranslation(['training']);
  switch (info.mode) {
    case 'image':
      return <ImageInputs info={info} />;
    case 'generate':
      return <GenerateControls busy={busy} onGenerate={(text) => void tryInput({ kind: 'text', text })} />;
    case 'translate':
      return <TextInput info={info} />;
    case 'tabular':
      return <TabularForm info={info} />;
    case 'forecast':
      return (
        <div className="ll-try-inputs">
          <ForecastSteps />
          <SamplePicker info={info} label={t('training:try.windowStart')} />
        </div>
      );
    case 'episode':
      return <SamplePicker info={info} label={t('training:try.heldOutEpisode')} />;
    default:
      return <SamplePicker info={info} />;
  }
}

function ForecastSteps() {
  const steps = useTry((s) => s.steps);
  const setSteps = useTry((s) => s.setSteps);
  const { t } = useTranslation(['training']);
  return (
    <label className="ll-try-field">
      <span>{t('training:try.stepsAhead')}</span>
      <input type="number" min={1} max={200} value={steps} data-testid="try-steps" onChange={(e) => setSteps(Math.max(1, Math.min(200, Math.round(Number(e.target.value) || 1))))} />
    </label>
  );
}

function Result() {
  const result = useTry((s) => s.result);
  const { t } = useTranslation(['training']);
  if (!result) return <div className="ll-muted ll-try-empty">{t('training:try.answerHere')}</div>;
  switch (result.kind) {
    case 'classes':
      return (
        <>
          {result.image && (
            <div className="ll-try-read">
              <TryImageView image={result.image} label={t('training:try.theTestSample')} testId="try-sample-image" />
            </div>
          )}
          <ClassResult result={result} />
        </>
      );
    case 'generation':
      return <GenerationResult result={result} />;
    case 'translation':
      return <TranslationResult result={result} />;
    case 'forecast':
      return <ForecastResult result={result} />;
    case 'episode':
      return <EpisodeResult result={result} />;
    default:
      return <ValuesResult result={result} />;
  }
}

export function TryPanel() {
  const { runId, runName, info, result, loadingInfo, error, busy, close } = useTry();
  const ref = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation(['training']);
  useEffect(() => {
    if (!runId) return;
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && close();
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('keydown', esc);
      previous?.focus?.();
    };
  }, [runId, close]);
  if (!runId) return null;
  return (
    <div className="ll-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="ll-modal ll-try" role="dialog" aria-modal="true" aria-labelledby="try-title" data-testid="try-panel" data-mode={info?.mode} data-busy={busy} tabIndex={-1} ref={ref}>
        <header className="ll-try-header">
          <h2 id="try-title">{t('training:try.title', { name: runName })}</h2>
          <div className="ll-spacer" />
          <button type="button" className="ll-btn ll-btn-small" data-testid="try-close" onClick={close} aria-label={t('training:try.closeAria')}>
            {t('training:dataset.close')}
          </button>
        </header>
        {info && <div className="ll-muted ll-small" data-testid="try-weights">{t('training:try.using', { weights: tryWeightsText(result?.weights ?? info.weights, i18n.language) })}</div>}
        {loadingInfo && <div className="ll-muted">{t('training:try.loading')}</div>}
        {error && (
          <div className="ll-error-box" role="alert" data-testid="try-error">
            {error}
          </div>
        )}
        {info && (
          <div className="ll-try-body">
            <section className="ll-try-in" aria-label={t('training:try.input')}>
              <Inputs info={info} />
            </section>
            <section className="ll-try-out" aria-label={t('training:try.answer')} aria-busy={busy}>
              {busy && <div className="ll-muted ll-small">{t('training:try.computing')}</div>}
              <Result />
            </section>
          </div>
        )}
      </div>
    </div>
  );
}

/** A "Try it" button for a run (Runs and Training tabs). */
export function TryButton({ runId, runName, disabled }: { runId: string; runName: string; disabled?: boolean }) {
  const open = useTry((s) => s.open);
  const { t } = useTranslation(['training']);
  return (
    <button type="button" className="ll-btn ll-btn-small ll-btn-primary" data-testid="run-try" disabled={disabled} onClick={() => void open(runId, runName)} title={t('training:try.buttonTitle')}>
      {t('training:try.tryIt')}
    </button>
  );
}
