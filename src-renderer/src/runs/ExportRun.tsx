// Export a stored run: tfjs model files, or a PyTorch / Keras script with the run's weights and data.
// The host picks the folder (a dialog in the app, the data folder in the browser) and reports where.
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportRunResult } from '../../../shared/api';
import { api } from '../api';

const LABELS: Record<ExportFormat, string> = {
  tfjs: 'TensorFlow.js model',
  pytorch: 'PyTorch script',
  keras: 'Keras script',
  onnx: 'ONNX model (opset 17)',
};

export function ExportRun({ runId, disabled }: { runId: string; disabled: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Extract<ExportRunResult, { canceled: false }> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.exportRun({ runId, format });
      if (!r.canceled) setResult(r);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ll-export" data-testid="run-export">
      <div className="ll-export-row">
        <select aria-label="Export format" data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {LABELS[f]}
            </option>
          ))}
        </select>
        <button type="button" className="ll-btn ll-btn-small" data-testid="export-start" onClick={() => void run()} disabled={disabled || busy}>
          {busy ? 'Exporting…' : 'Export'}
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
            Written to <code>{result.dir}</code>: {result.files.map((f) => f.slice(result.dir.length + 1) || f).join(', ')}
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
