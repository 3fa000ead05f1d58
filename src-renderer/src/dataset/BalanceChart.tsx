// Class balance as a small stacked bar chart: one bar per class, train / validation / test stacked.
import { useTranslation } from 'react-i18next';
import type { DatasetPreview } from '../../../shared/data/preview';

const SPLITS = ['train', 'validation', 'test'] as const;
const SPLIT_KEY = { train: 'training:dataset.split.train', validation: 'training:dataset.split.validation', test: 'training:dataset.split.test' } as const;

export function BalanceChart({ balance, classNames }: { balance: NonNullable<DatasetPreview['classBalance']>; classNames?: string[] }) {
  const classes = balance.train.length;
  const totals = Array.from({ length: classes }, (_, c) => SPLITS.reduce((sum, s) => sum + (balance[s][c] ?? 0), 0));
  const most = Math.max(1, ...totals);
  const least = Math.min(...totals);
  const { t } = useTranslation(['training']);
  return (
    <div className="ll-ds-balance" data-testid="class-balance" data-classes={classes}>
      <div className="ll-ds-bars" role="img" aria-label={t('training:dataset.balanceAria', { count: classes, least, most })}>
        {totals.map((total, c) => {
          const name = classNames?.[c] ?? String(c);
          const parts = SPLITS.map((s) => `${t(SPLIT_KEY[s])} ${(balance[s][c] ?? 0).toLocaleString('en-US')}`).join(', ');
          return (
            <div key={c} className="ll-ds-bar-col" title={`${name}: ${total.toLocaleString('en-US')} (${parts})`} data-testid="balance-bar">
              <div className="ll-ds-bar" style={{ height: `${(total / most) * 100}%` }}>
                {SPLITS.map((s) => (
                  <div key={s} className={`ll-ds-bar-${s}`} style={{ flexGrow: balance[s][c] ?? 0 }} />
                ))}
              </div>
              <span className="ll-ds-bar-label">{name}</span>
            </div>
          );
        })}
      </div>
      <div className="ll-ds-legend ll-small ll-muted">
        {SPLITS.map((s) => (
          <span key={s}>
            <i className={`ll-ds-bar-${s}`} /> {t(SPLIT_KEY[s])}
          </span>
        ))}
        <span>
          {t('training:dataset.perClass', { least: least.toLocaleString('en-US'), most: most.toLocaleString('en-US') })}
        </span>
      </div>
    </div>
  );
}
