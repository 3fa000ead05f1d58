// "Preview data" in the inspector's dataset section. The panel lives while the graph settings are shown;
// it is drawn into document.body so it can sit over the canvas.
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { DatasetPanel } from './DatasetPanel';
import { usePreview } from './usePreview';

export function PreviewDataButton() {
  const open = usePreview((s) => s.open);
  const show = usePreview((s) => s.show);
  const close = usePreview((s) => s.close);
  const { t } = useTranslation(['training']);
  // Selecting a node replaces the graph settings; the panel goes with them instead of lingering unseen.
  useEffect(() => close, [close]);
  return (
    <>
      <button
        type="button"
        className="ll-btn ll-btn-small ll-ds-open"
        onClick={open ? close : show}
        aria-pressed={open}
        data-testid="btn-preview-data"
        title={t('training:dataset.previewTitle')}
      >
        {open ? t('training:dataset.hidePreview') : t('training:dataset.preview')}
      </button>
      {open && createPortal(<DatasetPanel />, document.body)}
    </>
  );
}
