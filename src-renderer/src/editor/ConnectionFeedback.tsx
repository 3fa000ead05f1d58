// Why a wire is refused: a status line while dragging over a handle that will not take it, and a note at
// the cursor when the wire is dropped there.
import { Panel, useConnection } from '@xyflow/react';
import { connectionProblem } from '../store/graphOps';
import { useGraphStore } from '../store/stores';
import { useEditor } from './editorStore';
import { i18n } from '../../../shared/i18n/i18n';

/** The refusal reason for a drag from one handle to another, whichever end the drag started at. */
export function refusalReason(
  from: { nodeId: string; id?: string | null; type: 'source' | 'target' },
  to: { nodeId: string; id?: string | null; type: 'source' | 'target' },
): string | null {
  if (from.type === to.type) return from.type === 'source' ? i18n.t('editor:editor.wireJoinsOutputs') : i18n.t('editor:editor.wireJoinsInputs');
  const [s, t] = from.type === 'source' ? [from, to] : [to, from];
  return connectionProblem(useGraphStore.getState().graph, { source: s.nodeId, sourceHandle: s.id, target: t.nodeId, targetHandle: t.id });
}

export function ConnectionStatus() {
  const c = useConnection();
  if (!c.inProgress || !c.toHandle || c.isValid !== false) return null;
  const reason = refusalReason(c.fromHandle, c.toHandle);
  if (!reason) return null;
  return (
    <Panel position="bottom-center" className="ll-connect-status" data-testid="connect-status">
      ⛔ {reason}
    </Panel>
  );
}

export function RefusalNote() {
  const refusal = useEditor((s) => s.refusal);
  if (!refusal) return null;
  return (
    <div className="ll-refusal" role="alert" data-testid="wire-refused" style={{ left: refusal.x + 12, top: refusal.y + 12 }}>
      {refusal.message}
    </div>
  );
}
