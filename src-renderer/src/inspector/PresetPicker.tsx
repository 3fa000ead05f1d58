// The graph's presets (extras.presets, e.g. GPT-2 small / medium / large / XL), in the model settings: picking
// one sets its sizes, the "N x" labels, the name and the description figures as one undo step.
import { useTranslation } from 'react-i18next';
import { useGraphStore } from '../store/stores';
import { graphPresets, matchingPreset } from '../../../shared/templates/preset-data';
import { applyPreset } from '../../../shared/templates/presets';
import { SelectField } from './fields';

export function PresetPicker() {
  const { t } = useTranslation(['editor']);
  const graph = useGraphStore((s) => s.graph);
  const presets = graphPresets(graph);
  if (presets.length < 2) return null;
  const current = matchingPreset(graph)?.id ?? '';
  const options = [
    ...(current ? [] : [{ value: '', label: t('editor:inspector.model.presetEdited') }]),
    ...presets.map((p) => ({ value: p.id, label: p.published ? `${p.name} (${p.published})` : p.name })),
  ];
  return (
    <SelectField
      label={t('editor:inspector.model.preset')}
      testId="preset"
      help={t('editor:inspector.model.presetHelp')}
      value={current}
      options={options}
      onCommit={(id) => {
        if (id) useGraphStore.getState().edit((g) => applyPreset(g, id));
      }}
    />
  );
}
