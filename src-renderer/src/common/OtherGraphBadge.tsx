// Marks a run or experiment of a graph other than the one on screen: its numbers are not this graph's.
import { useTranslation } from 'react-i18next';

export function OtherGraphBadge({ name }: { name: string }) {
  const { t } = useTranslation(['common']);
  return (
    <span className="ll-badge ll-other-graph" data-testid="other-graph-badge" title={t('common:otherGraph.title', { name })}>
      {t('common:otherGraph.badge')}
    </span>
  );
}
