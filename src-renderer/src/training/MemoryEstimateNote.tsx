// The training memory estimate under the training settings (always) and in a node's inspector (only when
// the graph would not fit comfortably), so a layer made huge is flagged where it is edited.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo, useGraphStore } from '../store/stores';
import { memoryCheck } from './memoryCheck';

export function useMemoryCheck() {
  const inference = useGraphStore((s) => s.inference);
  const batchSize = useGraphStore((s) => s.graph.training.batchSize);
  const optimizer = useGraphStore((s) => s.graph.training.optimizer);
  const machine = useAppInfo((s) => s.info?.memoryBytes);
  const { i18n } = useTranslation(['training']);
  const lang = i18n.language; // the message is in the current language
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => memoryCheck(inference, { batchSize, optimizer }, machine), [inference, batchSize, optimizer, machine, lang]);
}

export function MemoryEstimateNote({ onlyWhenTight = false }: { onlyWhenTight?: boolean }) {
  const check = useMemoryCheck();
  const { t } = useTranslation(['training']);
  if (onlyWhenTight && (check.verdict === 'fits' || check.verdict === null)) return null;
  const cls = check.verdict === 'too-large' ? 'll-error-box' : check.verdict === 'tight' ? 'll-warn-box' : 'll-muted ll-small';
  return (
    <div className={`ll-memory ${cls}`} role={check.verdict === 'too-large' ? 'alert' : undefined} data-testid="memory-estimate" data-verdict={check.verdict ?? 'unknown'} title={t('training:memory.bytes', { bytes: check.estimate.totalBytes.toLocaleString('en-US') })}>
      {check.message}
    </div>
  );
}
