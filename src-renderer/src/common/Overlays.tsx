// Toasts, the error dialog (e.g. a bad graph file) and the discard-changes confirmation.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../store/stores';
import { INFO_TOAST_MS, type Toast } from '../store/uiStore';

/** One toast: an info toast leaves after INFO_TOAST_MS unless the pointer rests on it; an error stays until closed. */
function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation(['common']);
  const [held, setHeld] = useState(false);
  const dismiss = useUi((s) => s.dismissToast);
  const onClose = () => dismiss(toast.id);
  useEffect(() => {
    if (toast.kind === 'error' || held) return;
    const timer = setTimeout(() => dismiss(toast.id), INFO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.kind, toast.id, held, dismiss]);
  return (
    <div
      className={`ll-toast ll-toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
    >
      <span>{toast.message}</span>
      <button type="button" aria-label={t('common:dialog.close')} title={t('common:dialog.close')} data-testid="toast-close" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="ll-toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}

function Modal({ title, children, onClose, testId }: { title: string; children: React.ReactNode; onClose(): void; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button[data-autofocus]')?.focus();
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', esc);
    return () => document.removeEventListener('keydown', esc);
  }, [onClose]);
  return (
    <div className="ll-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="ll-modal" role="dialog" aria-modal="true" aria-labelledby={`${testId}-title`} data-testid={testId} ref={ref}>
        <h2 id={`${testId}-title`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

function ErrorDialog() {
  const { t } = useTranslation(['common']);
  const error = useUi((s) => s.error);
  const close = useUi((s) => s.closeError);
  if (!error) return null;
  return (
    <Modal title={error.title} onClose={close} testId="error-dialog">
      <p className="ll-modal-message" data-testid="error-message">
        {error.message}
      </p>
      <p className="ll-muted ll-small">{t('common:dialog.nothingChanged')}</p>
      <div className="ll-modal-buttons">
        <button type="button" className="ll-btn ll-btn-primary" data-autofocus onClick={close} data-testid="error-ok">
          {t('common:dialog.ok')}
        </button>
      </div>
    </Modal>
  );
}

function ConfirmDialog() {
  const { t } = useTranslation(['common']);
  const confirm = useUi((s) => s.confirm);
  const answer = useUi((s) => s.answer);
  if (!confirm) return null;
  return (
    <Modal title={confirm.title} onClose={() => answer(false)} testId="confirm-dialog">
      <p className="ll-modal-message">{confirm.message}</p>
      <div className="ll-modal-buttons">
        <button type="button" className="ll-btn" data-autofocus onClick={() => answer(false)} data-testid="confirm-cancel">
          {t('common:dialog.cancel')}
        </button>
        <button type="button" className="ll-btn ll-btn-danger" onClick={() => answer(true)} data-testid="confirm-ok">
          {confirm.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

export function Overlays() {
  return (
    <>
      <Toasts />
      <ErrorDialog />
      <ConfirmDialog />
    </>
  );
}
