// Export a stored run: tfjs model files, or a PyTorch / Keras script with the run's weights and data.
// The host picks the folder (a dialog in the app, the data folder in the browser) and reports where.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportRunResult } from '../../../shared/api';
import { api } from '../api';
import { errorText } from '../../../shared/i18n/error-text';

const LABELS = {
  tfjs: 'training:export.tfjs',
  pytorch: 'training:export.pytorch',
  keras: 'training:export.keras',
  onnx: 'training:export.onnx',
} as const satisfies Record<ExportFormat, string>;

export function ExportRun({ runId, disabled }: { runId: string; disabled: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Extract<ExportRunResult, { canceled: false }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation(['training']);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.exportRun({ runId, format });
      if (!r.canceled) setResult(r);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ll-export" data-testid="run-export">
      <div className="ll-export-row">
        <select aria-label={t('training:export.format')} data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(LABELS[f])}
            </option>
          ))}
        </select>
        <button type="button" className="ll-btn ll-btn-small" data-testid="export-start" onClick={() => void run()} disabled={disabled || busy}>
          {busy ? t('training:export.exporting') : t('training:export.export')}
        </button>
      </div>
      {error && (
        <div className="ll-error-box" role="alert" data-testid="export-error">
          {error}
        </div>
      )}
      {result && (
        <div className="ll-small" data-testid="export-result">
          <div>
            {t('training:export.writtenTo')} <code>{result.dir}</code>: {result.files.map((f) => f.slice(result.dir.length + 1) || f).join(', ')}
          </div>
          {result.notes.map((n, i) => (
            <div key={i} className="ll-muted">
              {n}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
