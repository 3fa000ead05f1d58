// Smoothing slider and log-scale toggle for the loss charts.
import { useTranslation } from 'react-i18next';
import { useChartOptions } from './chartOptions';

export function ChartControls() {
  const { smoothing, logLoss, set } = useChartOptions();
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-chart-controls" data-testid="chart-controls">
      <label title={t('training:chart.smoothingTitle')}>
        {t('training:chart.smoothing')}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          data-testid="chart-smoothing"
          onChange={(e) => set({ smoothing: Number(e.target.value) })}
        />
        <span className="ll-mono">{smoothing.toFixed(2)}</span>
      </label>
      <label>
        <input type="checkbox" checked={logLoss} data-testid="chart-log" onChange={(e) => set({ logLoss: e.target.checked })} />
        {t('training:chart.logLoss')}
      </label>
    </div>
  );
}
