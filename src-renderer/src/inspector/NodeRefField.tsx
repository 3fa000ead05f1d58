// A NodeRefParam: which node of the graph this one links to (the Embedding a Tied Dense reuses), chosen
// from the nodes of the kinds it accepts. The link shows on the canvas as a dashed line, not a wire.
import { useTranslation } from 'react-i18next';
import type { NodeRefParam } from '../../../shared/layers/types';
import { useGraphStore } from '../store/stores';
import { SelectField } from './fields';

export function NodeRefField({ name, spec, value, onChange }: { name: string; spec: NodeRefParam; value: string; onChange(v: string): void }) {
  const { t } = useTranslation(['editor']);
  const nodes = useGraphStore((s) => s.graph.nodes);
  const candidates = nodes.filter((n) => spec.kinds.includes(n.kind));
  const options = [
    { value: '', label: t('editor:inspector.node.chooseNode', { kinds: spec.kinds.join(t('editor:inspector.node.or')) }) },
    ...candidates.map((n) => ({ value: n.id, label: n.label ? `${n.label} (${n.id})` : n.id })),
  ];
  return <SelectField label={spec.label} help={spec.help} testId={name} value={value} options={options} onCommit={onChange} />;
}
