// One experiment's results: all trials' loss curves coloured by the varied value, a sortable table of final
// metrics with the best marked, final validation loss against each varied parameter, queue controls
// (pause, resume, cancel, run a waiting trial next) and "apply best" into the graph.
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useState } from 'react';
import type { RunRecord } from '../../../shared/api';
import type { ExperimentRecord, TrialRecord, TrialValue } from '../../../shared/experiments/types';
import { applyValues } from '../../../shared/experiments/paths';
import { settingPathName } from '../inspector/settingNames';
import { scoreOf, sortTrials, type SortKey } from '../../../shared/experiments/results';
import { useExperiments, useGraphStore, useRuns, useUi } from '../store/stores';
import { LineChart } from '../training/LineChart';
import { ScatterChart, type ScatterPoint } from '../training/ScatterChart';
import { useChartOptions } from '../training/chartOptions';
import { accuracyOf, formatDuration } from '../training/trainState';
import { fmt } from '../training/format';
import { overlaySeries } from '../runs/overlay';
import { colorScale, formatValue } from './colors';
import { graphIdOf } from '../../../shared/graph/identity';
import { isOtherGraph } from '../training/graphResults';
import { OtherGraphBadge } from '../common/OtherGraphBadge';
import { errorText } from '../../../shared/i18n/error-text';

/** Fetches the run records of the trials that have runs; running ones again on every poll. */
function useTrialRuns(exp: ExperimentRecord): Record<number, RunRecord> {
  const [runs, setRuns] = useState<Record<number, RunRecord>>({});
  useEffect(() => {
    let live = true;
    const withRuns = exp.trials.filter((t) => t.runId);
    void Promise.all(withRuns.map((t) => useRuns.getState().record(t.runId!).then((r) => [t.index, r] as const, () => null))).then((pairs) => {
      if (!live) return;
      const out: Record<number, RunRecord> = {};
      for (const p of pairs) if (p) out[p[0]] = p[1];
      setRuns(out);
    });
    return () => {
      live = false;
    };
  }, [exp]);
  return runs;
}

const METRICS = [
  { key: 'loss', label: 'training:runs.col.loss' },
  { key: 'val_loss', label: 'training:runs.col.valLoss' },
  { key: 'acc', label: 'training:runs.col.acc' },
  { key: 'val_acc', label: 'training:metrics.valAcc' },
] as const;

/** An experiment's status as a catalogue key (also the experiments list's). */
export const EXPERIMENT_STATUS_KEY = {
  running: 'training:experiments.status.running',
  paused: 'training:experiments.status.paused',
  completed: 'training:experiments.status.completed',
  canceled: 'training:experiments.status.canceled',
  failed: 'training:experiments.status.failed',
} as const satisfies Record<ExperimentRecord['status'], string>;

const TRIAL_STATUS_KEY = {
  queued: 'training:experiments.trialStatus.queued',
  running: 'training:experiments.trialStatus.running',
  completed: 'training:experiments.trialStatus.completed',
  stopped: 'training:experiments.trialStatus.stopped',
  failed: 'training:experiments.trialStatus.failed',
  canceled: 'training:experiments.trialStatus.canceled',
} as const satisfies Record<TrialRecord['status'], string>;

function metricOf(t: TrialRecord, key: string): number | undefined {
  if (!t.final) return undefined;
  if (key === 'acc') return accuracyOf(t.final);
  if (key === 'val_acc') return accuracyOf(t.final, 'val_');
  return t.final[key];
}

export function ExperimentView({ exp }: { exp: ExperimentRecord }) {
  const [sort, setSort] = useState<SortKey>({ column: 'index', descending: false });
  const { t: tr, i18n } = useTranslation(['training']);
  const lng = i18n.language;
  const { smoothing, logLoss } = useChartOptions();
  const runs = useTrialRuns(exp);
  const currentGraphId = useGraphStore((s) => graphIdOf(s.graph));
  const first = exp.params[0];
  const colorOf = useMemo(() => colorScale(exp.trials.map((t) => t.values[first])), [exp, first]);
  const label = (t: TrialRecord) => exp.params.map((p) => `${p.split('.').pop()}=${formatValue(t.values[p])}`).join(', ');

  const series = useMemo(() => {
    const trials = exp.trials.filter((t) => runs[t.index]);
    const recs = trials.map((t) => runs[t.index]);
    return overlaySeries(recs, (_, i) => colorOf(trials[i].values[first]), (r) => label(trials[recs.indexOf(r)]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, exp, colorOf]);

  const legend = useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of exp.trials) seen.set(`${settingPathName(exp.baseGraph, first, lng)} ${formatValue(t.values[first])}`, colorOf(t.values[first]));
    return [...seen].map(([label, color]) => ({ label, color }));
  }, [exp, first, colorOf, lng]);
  const rows = sortTrials(exp.trials, sort);
  const best = exp.bestTrial !== null ? exp.trials[exp.bestTrial] : null;
  const active = exp.status === 'running' || exp.status === 'paused';
  const { control, reorder } = useExperiments.getState();

  const header = (column: string, text: string) => (
    <th
      className="ll-sortable"
      data-testid={`exp-sort-${column}`}
      aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      onClick={() => setSort((s) => ({ column, descending: s.column === column ? !s.descending : false }))}
    >
      {text}
      {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
    </th>
  );

  const applyBest = () => {
    if (!best) return;
    try {
      useGraphStore.getState().edit((g) => applyValues(g, best.values));
    } catch (err) {
      // e.g. a varied repeated block that has since been taken apart
      useUi.getState().toast(tr('training:experiments.applyFailed', { values: label(best), error: errorText(err) }), 'error');
      return;
    }
    useUi.getState().toast(tr('training:experiments.applied', { values: label(best) }));
  };

  const runNext = (index: number) => void reorder([index, ...exp.queue.filter((i) => i !== index)]);
  const other = isOtherGraph(graphIdOf(exp.baseGraph), currentGraphId);

  return (
    <div className="ll-exp-view" data-testid="experiment-view" data-status={exp.status}>
      <header className="ll-exp-head">
        <strong>{exp.name}</strong>
        <span className={`ll-status ll-status-${exp.status}`} data-testid="exp-status">
          {tr(EXPERIMENT_STATUS_KEY[exp.status])}
        </span>
        <span className="ll-muted" data-testid="exp-progress">
          {tr('training:experiments.progress', { done: exp.finishedCount, total: exp.trialCount })}
        </span>
        {other && <OtherGraphBadge name={exp.baseGraph.name} />}
        <div className="ll-spacer" />
        {exp.status === 'running' && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="exp-pause" onClick={() => void control('pause')}>
            ❚❚ {tr('training:panel.pause')}
          </button>
        )}
        {exp.status === 'paused' && (
          <button type="button" className="ll-btn ll-btn-small" data-testid="exp-resume" onClick={() => void control('resume')}>
            ▶ {tr('training:panel.resume')}
          </button>
        )}
        {active && (
          <button type="button" className="ll-btn ll-btn-small ll-btn-stop" data-testid="exp-cancel" onClick={() => void control('cancel')}>
            ■ {tr('training:experiments.cancel')}
          </button>
        )}
        <button
          type="button"
          className="ll-btn ll-btn-small ll-btn-primary"
          data-testid="exp-apply-best"
          disabled={!best || other}
          onClick={applyBest}
          title={other ? tr('training:experiments.otherGraph', { name: exp.baseGraph.name }) : best ? label(best) : tr('training:experiments.noFinished')}
        >
          ★ {tr('training:experiments.applyBest')}
        </button>
      </header>
      <div className="ll-exp-body">
        <div className="ll-exp-table-wrap">
          <table className="ll-table" data-testid="exp-table">
            <thead>
              <tr>
                {header('index', '#')}
                {exp.params.map((p) => header(p, settingPathName(exp.baseGraph, p)))}
                <th>{tr('training:experiments.col.status')}</th>
                {METRICS.map((m) => header(m.key, tr(m.label)))}
                <th>{tr('training:runs.col.took')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => {
                const isBest = t.index === exp.bestTrial;
                const queuePos = exp.queue.indexOf(t.index);
                return (
                  <tr key={t.index} className={isBest ? 'best' : ''} data-testid={`exp-row-${t.index}`} data-best={isBest} data-status={t.status}>
                    <td>
                      <i className="ll-swatch" style={{ background: colorOf(t.values[first]) }} />
                      {t.index + 1}
                      {isBest && (
                        <span className="ll-best" data-testid="exp-best" title={tr('training:experiments.bestTitle')}>
                          {' '}
                          ★ {tr('training:experiments.best')}
                        </span>
                      )}
                    </td>
                    {exp.params.map((p) => (
                      <td key={p} className="ll-mono">
                        {formatValue(t.values[p])}
                      </td>
                    ))}
                    <td>
                      <span className={`ll-status ll-status-${t.status}`} title={t.error}>
                        {tr(TRIAL_STATUS_KEY[t.status])}
                      </span>
                      {queuePos > 0 && active && (
                        <button type="button" className="ll-link" title={tr('training:experiments.runNextTitle')} onClick={() => runNext(t.index)}>
                          ↑ {tr('training:experiments.next')}
                        </button>
                      )}
                    </td>
                    {METRICS.map((m) => (
                      <td key={m.key} className="ll-mono">
                        {fmt(metricOf(t, m.key))}
                      </td>
                    ))}
                    <td>{t.durationMs ? formatDuration(t.durationMs / 1000) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="ll-exp-charts">
          <LineChart title={tr('training:experiments.lossEvery')} series={series} plannedSteps={0} testId="chart-exp-loss" smoothing={smoothing} logY={logLoss} legend={legend} />
          {exp.params.map((p) => (
            <ParamChart key={p} exp={exp} path={p} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** Final validation loss (training loss without validation) against one varied parameter. */
function ParamChart({ exp, path }: { exp: ExperimentRecord; path: string }) {
  const values = exp.trials.map((t) => t.values[path]);
  const numeric = values.every((v) => typeof v === 'number');
  const categories = numeric ? undefined : [...new Set(values.map(String))];
  const nums = values.filter((v): v is number => typeof v === 'number');
  const range = exp.definition.params.find((p) => p.path === path)?.range;
  const logX = numeric && (range?.scale === 'log' || (nums.every((v) => v > 0) && Math.max(...nums) / Math.min(...nums) >= 100));
  const colorOf = colorScale(values);
  const points: ScatterPoint[] = [];
  let highlight: number | null = null;
  for (const t of exp.trials) {
    const s = scoreOf(t.final);
    if (s === null || (t.status !== 'completed' && t.status !== 'stopped')) continue;
    if (t.index === exp.bestTrial) highlight = points.length;
    const v: TrialValue = t.values[path];
    points.push({ x: numeric ? (v as number) : categories!.indexOf(String(v)), y: s, color: colorOf(v) });
  }
  const hasVal = exp.trials.some((t) => t.final?.val_loss !== undefined);
  const label = settingPathName(exp.baseGraph, path);
  const { t } = useTranslation(['training']);
  return (
    <ScatterChart
      title={hasVal ? t('training:experiments.finalValLossVs', { param: label }) : t('training:experiments.finalLossVs', { param: label })}
      points={points}
      xLabel={logX ? t('training:experiments.logAxis', { label }) : label}
      yLabel={hasVal ? t('training:runs.col.valLoss') : t('training:runs.col.loss')}
      logX={logX}
      categories={categories}
      highlight={highlight}
      testId={`chart-exp-param-${path}`}
    />
  );
}
