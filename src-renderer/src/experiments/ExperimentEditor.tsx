// Defining an experiment on the current graph: 1 to 3 parameters to vary (a list of values or a range),
// grid or random, a budget and a seed. The definition is written to graph.extras.experiment, so it is
// saved with the file; problems are shown as they are typed, before anything runs.
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { GraphFile } from '../../../shared/graph/types';
import { ruleFor, variablePaths } from '../../../shared/experiments/paths';
import { validateDefinition, experimentOf } from '../../../shared/experiments/expand';
import { EXPERIMENT_EXTRAS_KEY, type ExperimentDefinition, type ExperimentParam, type TrialValue, type ValueRange } from '../../../shared/experiments/types';
import { useExperiments, useGraphStore, useUi } from '../store/stores';
import { parseValues } from './parseValues';
import { errorText } from '../../../shared/i18n/error-text';
import { datasetName, settingPathName } from '../inspector/settingNames';

export const DEFAULT_DEFINITION: ExperimentDefinition = {
  params: [{ path: 'training.learningRate', range: { min: 0.0001, max: 0.1, count: 4, scale: 'log' } }],
  mode: 'grid',
  budget: { epochsPerTrial: 1, maxTrials: 12 },
  seed: 1,
};

function writeDefinition(def: ExperimentDefinition): void {
  useGraphStore.getState().edit((g) => ({ ...g, extras: { ...g.extras, [EXPERIMENT_EXTRAS_KEY]: def } }));
}

/** The problem the typed values would cause (only problems about this parameter), or null. */
function draftProblem(graph: GraphFile, def: ExperimentDefinition, param: ExperimentParam, parsed: TrialValue[] | string): string | null {
  if (typeof parsed === 'string') return parsed;
  try {
    validateDefinition({ ...def, params: def.params.map((p) => (p.path === param.path ? { path: p.path, values: parsed } : p)) }, graph);
    return null;
  } catch (err) {
    const msg = errorText(err);
    return msg.includes(`'${param.path}'`) ? msg : null;
  }
}

function ValuesInput({ graph, def, param, onChange }: { graph: GraphFile; def: ExperimentDefinition; param: ExperimentParam; onChange(p: ExperimentParam): void }) {
  const committed = (param.values ?? []).join(', ');
  const [draft, setDraft] = useState(committed);
  const [seen, setSeen] = useState(committed);
  if (seen !== committed) {
    setSeen(committed);
    setDraft(committed);
  }
  const parsed = parseValues(graph, param.path, draft);
  const problem = draft === committed ? null : draftProblem(graph, def, param, parsed);
  const rule = ruleFor(graph, param.path);
  const { t } = useTranslation(['training']);
  return (
    <label className="ll-exp-values">
      {t('training:experiments.values')}
      <input
        type="text"
        value={draft}
        data-testid={`exp-values-${param.path}`}
        title={draft}
        placeholder={typeof rule !== 'string' && rule.choices ? rule.choices.slice(0, 3).join(', ') : '0.001, 0.01, 0.1'}
        aria-invalid={problem !== null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          const p = parseValues(graph, param.path, draft);
          if (typeof p !== 'string') onChange({ path: param.path, values: p });
        }}
      />
      {problem && (
        <span className="ll-field-error" data-testid="exp-values-problem">
          {problem}
        </span>
      )}
    </label>
  );
}

function NumberInput({ label, value, onCommit, testId, step }: { label: string; value: number; onCommit(v: number): void; testId: string; step?: string }) {
  return (
    <label>
      {label}
      <input
        type="number"
        step={step ?? 'any'}
        defaultValue={value}
        key={value}
        data-testid={testId}
        onBlur={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v !== value) onCommit(v);
        }}
      />
    </label>
  );
}

/** A first range to edit: repeat counts of a block (blocks.<id>.times) are small whole numbers. */
function defaultRange(path: string): ValueRange {
  return path.startsWith('blocks.') ? { min: 1, max: 4, count: 4, scale: 'linear' } : { min: 0.001, max: 0.1, count: 3, scale: 'log' };
}

function ParamRow({ graph, param, index, def }: { graph: GraphFile; param: ExperimentParam; index: number; def: ExperimentDefinition }) {
  const paths = useMemo(() => variablePaths(graph), [graph]);
  const rule = ruleFor(graph, param.path);
  const rangeable = typeof rule !== 'string' && (rule.kind === 'number' || rule.kind === 'int');
  const { t, i18n } = useTranslation(['training']);
  const lng = i18n.language;
  const update = (p: ExperimentParam) => writeDefinition({ ...def, params: def.params.map((q, i) => (i === index ? p : q)) });
  return (
    <div className="ll-exp-param" data-testid={`exp-param-${index}`}>
      <select
        value={param.path}
        data-testid={`exp-path-${index}`}
        onChange={(e) => {
          const r = ruleFor(graph, e.target.value);
          const choice = typeof r !== 'string' && r.choices ? { values: r.choices.slice(0, 2) as TrialValue[] } : { values: [] as TrialValue[] };
          update({ path: e.target.value, ...choice });
        }}
      >
        {!paths.some((p) => p.path === param.path) && <option value={param.path}>{param.path}</option>}
        {paths.map((p) => (
          <option key={p.path} value={p.path}>
            {settingPathName(graph, p.path, lng)}
          </option>
        ))}
      </select>
      {rangeable && (
        <select
          value={param.range ? 'range' : 'values'}
          data-testid={`exp-kind-${index}`}
          onChange={(e) =>
            update(e.target.value === 'range' ? { path: param.path, range: defaultRange(param.path) } : { path: param.path, values: [] })
          }
        >
          <option value="values">{t('training:experiments.list')}</option>
          <option value="range">{t('training:experiments.range')}</option>
        </select>
      )}
      {param.range ? (
        <>
          <NumberInput label={t('training:experiments.min')} value={param.range.min} testId={`exp-min-${index}`} onCommit={(min) => update({ ...param, range: { ...param.range!, min } })} />
          <NumberInput label={t('training:experiments.max')} value={param.range.max} testId={`exp-max-${index}`} onCommit={(max) => update({ ...param, range: { ...param.range!, max } })} />
          <NumberInput label={t('training:experiments.count')} value={param.range.count} step="1" testId={`exp-count-${index}`} onCommit={(count) => update({ ...param, range: { ...param.range!, count } })} />
          <select value={param.range.scale} data-testid={`exp-scale-${index}`} onChange={(e) => update({ ...param, range: { ...param.range!, scale: e.target.value as 'linear' | 'log' } })}>
            <option value="log">{t('training:experiments.log')}</option>
            <option value="linear">{t('training:experiments.linear')}</option>
          </select>
        </>
      ) : (
        <ValuesInput graph={graph} def={def} param={param} onChange={update} />
      )}
      {def.params.length > 1 && (
        <button type="button" className="ll-btn ll-btn-small" title={t('training:experiments.stopVarying')} onClick={() => writeDefinition({ ...def, params: def.params.filter((_, i) => i !== index) })}>
          ✕
        </button>
      )}
    </div>
  );
}

export function ExperimentEditor() {
  const graph = useGraphStore((s) => s.graph);
  const inferenceErrors = useGraphStore((s) => s.inference.errors);
  const stored = experimentOf(graph);
  const def = stored ?? DEFAULT_DEFINITION;
  const { t, i18n } = useTranslation(['training']);
  let problem: string | null = null;
  let trialCount = 0;
  try {
    const grids = validateDefinition(def, graph);
    trialCount = def.mode === 'grid' ? grids.reduce((n, g) => n * g.length, 1) : def.budget.maxTrials;
  } catch (err) {
    problem = errorText(err);
  }
  const start = async () => {
    if (inferenceErrors.length > 0) {
      useUi.getState().toast(t('training:experiments.fixGraph', { error: inferenceErrors[0].message }), 'error');
      return;
    }
    if (!stored) writeDefinition(def);
    await useExperiments.getState().start({ ...graph, extras: { ...graph.extras, [EXPERIMENT_EXTRAS_KEY]: def } });
  };
  return (
    <section className="ll-exp-editor" data-testid="experiment-editor">
      <h4>{t('training:experiments.vary')} {stored ? '' : <span className="ll-muted ll-small">{t('training:experiments.notSaved')}</span>}</h4>
      {def.params.map((p, i) => (
        <ParamRow key={`${i}:${p.path}`} graph={graph} param={p} index={i} def={def} />
      ))}
      <div className="ll-exp-row">
        {def.params.length < 3 && (
          <button
            type="button"
            className="ll-btn ll-btn-small"
            data-testid="exp-add-param"
            onClick={() => {
              const used = new Set(def.params.map((p) => p.path));
              const next = variablePaths(graph).find((p) => !used.has(p.path));
              if (next) writeDefinition({ ...def, params: [...def.params, { path: next.path, values: [] }] });
            }}
          >
            + {t('training:experiments.addParam')}
          </button>
        )}
        <label>
          {t('training:experiments.mode')}
          <select value={def.mode} data-testid="exp-mode" onChange={(e) => writeDefinition({ ...def, mode: e.target.value as 'grid' | 'random' })}>
            <option value="grid">{t('training:experiments.grid')}</option>
            <option value="random">{t('training:experiments.random')}</option>
          </select>
        </label>
        <NumberInput label={t('training:experiments.epochsPerTrial')} value={def.budget.epochsPerTrial} step="1" testId="exp-epochs" onCommit={(epochsPerTrial) => writeDefinition({ ...def, budget: { ...def.budget, epochsPerTrial } })} />
        <NumberInput label={t('training:experiments.maxTrials')} value={def.budget.maxTrials} step="1" testId="exp-max-trials" onCommit={(maxTrials) => writeDefinition({ ...def, budget: { ...def.budget, maxTrials } })} />
        <NumberInput label={t('training:experiments.seed')} value={def.seed} step="1" testId="exp-seed" onCommit={(seed) => writeDefinition({ ...def, seed })} />
      </div>
      <div className="ll-exp-row">
        {problem ? (
          <span className="ll-field-error" role="alert" data-testid="exp-problem">
            {problem}
          </span>
        ) : (
          <span className="ll-muted" data-testid="exp-trial-count">
            {def.params.some((p) => p.path === 'training.epochs')
              ? t('training:experiments.trialCountVaried', { count: trialCount, dataset: datasetName(graph.dataset.id, i18n.language) })
              : t('training:experiments.trialCount', { count: trialCount, epochs: def.budget.epochsPerTrial, dataset: datasetName(graph.dataset.id, i18n.language) })}
            {graph.dataset.limit ? ` ${t('training:runs.limit', { limit: graph.dataset.limit })}` : ''}
          </span>
        )}
        <div className="ll-spacer" />
        <button type="button" className="ll-btn ll-btn-small ll-btn-primary" data-testid="exp-start" disabled={problem !== null} onClick={() => void start()}>
          ▶ {t('training:experiments.run')}
        </button>
      </div>
    </section>
  );
}
