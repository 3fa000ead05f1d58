// "Repeat block": the selected layers become a block that is chained N times, with one numeric parameter
// changing per repeat through a formula in i (e.g. dilation 2^i for WaveNet, or N identical Transformer
// blocks). The copies are ordinary nodes: the result is expanded in place, one undo step. The block is
// recorded in extras.blocks with its formula, so its count can be changed later in the inspector.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getLayerDef } from '../../../shared/layers';
import { paramText } from '../../../shared/i18n/layer-text';
import { blockShape, evalFormula, recordBlock, repeatBlock } from '../../../shared/graph/repeat';
import { useGraphStore } from '../store/stores';
import { useEditor } from './editorStore';
import { selectNodes } from './actions';
import { errorText } from '../../../shared/i18n/error-text';

export function RepeatDialog() {
  const open = useEditor((s) => s.repeatOpen);
  if (!open) return null;
  return <RepeatForm />;
}

function RepeatForm() {
  const { t } = useTranslation(['editor']);
  const close = () => useEditor.getState().setRepeatOpen(false);
  const [ids] = useState(() => useGraphStore.getState().nodes.filter((n) => n.selected).map((n) => n.id));
  const graph = useGraphStore((s) => s.graph);
  const [times, setTimes] = useState('4');
  const numeric = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    for (const n of graph.nodes.filter((x) => ids.includes(x.id))) {
      const def = getLayerDef(n.kind);
      for (const [key, spec] of Object.entries(def?.params ?? {})) {
        if (spec.type === 'int' || spec.type === 'float') out.push({ value: `${n.id}\u0000${key}`, label: `${n.label || n.id} · ${paramText(n.kind, key, 'label')}` });
      }
    }
    return out;
  }, [graph, ids]);
  const [param, setParam] = useState('');
  const [formula, setFormula] = useState('2^i');
  const n = Number(times);
  const [error, setError] = useState<string | null>(null);

  const shapeProblem = useMemo(() => {
    try {
      blockShape(graph, ids);
      return null;
    } catch (err) {
      return errorText(err);
    }
  }, [graph, ids]);

  const preview = useMemo(() => {
    if (!param || !Number.isInteger(n) || n < 2 || n > 64) return null;
    try {
      return { values: Array.from({ length: n }, (_, i) => evalFormula(formula, i)), error: null };
    } catch (err) {
      return { values: null, error: errorText(err) };
    }
  }, [param, formula, n]);

  const apply = () => {
    const [nodeId, key] = param ? param.split('\u0000') : [];
    let repeats: string[][] = [];
    try {
      useGraphStore.getState().edit((g) => {
        const perRepeat = param ? { nodeId, param: key, formula } : undefined;
        const r = repeatBlock(g, { nodeIds: ids, times: n, perRepeat });
        repeats = r.repeats;
        const kinds = r.repeats[0].map((id) => g.nodes.find((x) => x.id === id)?.kind ?? id).join(' → ');
        // The formula is remembered so the repeat count can be changed later (setRepeatCount).
        return recordBlock(r.graph, r.repeats, kinds, { perRepeat });
      });
    } catch (err) {
      setError(errorText(err));
      return;
    }
    selectNodes(repeats.flat());
    close();
    useGraphStore.getState().requestArrange('grow');
  };
  const problem = shapeProblem ?? preview?.error ?? error;
  const countOk = Number.isInteger(n) && n >= 2 && n <= 64;

  return (
    <div className="ll-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="ll-modal ll-repeat"
        role="dialog"
        aria-label={t('editor:editor.repeat.title')}
        data-testid="repeat-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          e.stopPropagation();
        }}
      >
        <h2>{t('editor:editor.repeat.title')}</h2>
        <p className="ll-muted">
          {t('editor:editor.repeat.selected', { count: ids.length, ids: ids.join(', ') })}
        </p>
        <label className="ll-field">
          <span>{t('editor:editor.repeat.times')}</span>
          <input type="number" min={2} max={64} value={times} data-testid="repeat-times" onChange={(e) => setTimes(e.target.value)} />
        </label>
        <label className="ll-field">
          <span>{t('editor:editor.repeat.param')}</span>
          <select value={param} data-testid="repeat-param" onChange={(e) => setParam(e.target.value)}>
            <option value="">{t('editor:editor.repeat.none')}</option>
            {numeric.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {param && (
          <label className="ll-field">
            <span>{t('editor:editor.repeat.formula')}</span>
            <input value={formula} data-testid="repeat-formula" onChange={(e) => setFormula(e.target.value)} placeholder="2^i" />
          </label>
        )}
        {preview?.values && (
          <p className="ll-muted" data-testid="repeat-preview">
            {t('editor:editor.repeat.values', { values: preview.values.join(', ') })}
          </p>
        )}
        {problem && (
          <p className="ll-repeat-error" role="alert" data-testid="repeat-error">
            {problem}
          </p>
        )}
        <div className="ll-modal-buttons">
          <button type="button" className="ll-btn" onClick={close}>
            {t('editor:editor.repeat.cancel')}
          </button>
          <button type="button" className="ll-btn ll-btn-primary" data-testid="repeat-apply" disabled={Boolean(problem) || !countOk} onClick={apply}>
            {t('editor:editor.repeat.apply')}
          </button>
        </div>
      </div>
    </div>
  );
}
