// Hyperparameters beyond the basics, for the fields TrainingConfig has (shared/graph/types.ts): seed,
// learning-rate schedule, early stopping, gradient clipping and AdamW's weight decay. A section that is
// off leaves its field out of the graph (absent = constant rate, all epochs, no clipping).
import { DEFAULT_DIAGNOSTICS_EVERY, type EarlyStoppingMonitor, type LrScheduleConfig, type LrScheduleType, type TrainingConfig } from '../../../shared/graph/types';
import { useTranslation } from 'react-i18next';
import { useGraphStore } from '../store/stores';
import { CheckField, NumberField, SelectField } from '../inspector/fields';
import { TopicHelpView } from '../inspector/TopicHelpView';
import { SCHEDULE_HELP, SETTING_HELP } from '../../../shared/training-help';
import { useFieldNotes } from '../lesson/useLessonsLanguage';

const SCHEDULES = [
  { value: 'none', label: 'training:settings.schedule.none' },
  { value: 'step', label: 'training:settings.schedule.step' },
  { value: 'exponential', label: 'training:settings.schedule.exponential' },
  { value: 'cosine', label: 'training:settings.schedule.cosine' },
  { value: 'plateau', label: 'training:settings.schedule.plateau' },
] as const satisfies readonly { value: LrScheduleType; label: string }[];
const MONITORS = [
  { value: 'val_loss', label: 'training:settings.monitor.valLoss' },
  { value: 'val_acc', label: 'training:settings.monitor.valAcc' },
  { value: 'loss', label: 'training:settings.monitor.loss' },
] as const satisfies readonly { value: EarlyStoppingMonitor; label: string }[];

function ScheduleFields({ s, set }: { s: LrScheduleConfig; set(p: Partial<LrScheduleConfig>): void }) {
  const NOTE = useFieldNotes();
  const { t } = useTranslation(['training']);
  switch (s.type) {
    case 'step':
      return (
        <div className="ll-row">
          <NumberField label={t('training:settings.everyEpochs')} testId="lrStepEpochs" help={NOTE.lrStepEpochs} value={s.stepEpochs ?? 10} integer min={1} onCommit={(stepEpochs) => set({ stepEpochs })} />
          <NumberField label={t('training:settings.multiplyBy')} testId="lrGamma" help={NOTE.stepGamma} value={s.gamma ?? 0.1} integer={false} min={0.0001} max={1} onCommit={(gamma) => set({ gamma })} />
        </div>
      );
    case 'exponential':
      return <NumberField label={t('training:settings.multiplyPerEpoch')} testId="lrGamma" help={NOTE.exponentialGamma} value={s.gamma ?? 0.95} integer={false} min={0.0001} max={1} onCommit={(gamma) => set({ gamma })} />;
    case 'cosine':
      return <NumberField label={t('training:settings.minRate')} testId="lrMin" help={NOTE.lrMin} value={s.minLr ?? 0} integer={false} min={0} max={10} onCommit={(minLr) => set({ minLr })} />;
    case 'plateau':
      return (
        <div className="ll-row">
          <NumberField label={t('training:settings.patience')} testId="lrPatience" help={NOTE.lrPatience} value={s.patience ?? 5} integer min={0} onCommit={(patience) => set({ patience })} />
          <NumberField label={t('training:settings.factor')} testId="lrFactor" help={NOTE.lrFactor} value={s.factor ?? 0.1} integer={false} min={0.0001} max={0.9999} onCommit={(factor) => set({ factor })} />
        </div>
      );
    default:
      return null;
  }
}

export function AdvancedTrainingSettings() {
  const NOTE = useFieldNotes();
  const training = useGraphStore((s) => s.graph.training);
  const datasetSeed = useGraphStore((s) => s.graph.dataset.seed);
  const setTraining = useGraphStore((s) => s.setTraining);
  const set = (patch: Partial<TrainingConfig>) => setTraining(patch);
  const schedule = training.lrSchedule ?? { type: 'none' as const };
  const stop = training.earlyStopping;
  const clip = training.gradientClip;
  const diagnostics = training.diagnostics ?? { record: true };
  const { t } = useTranslation(['training']);

  return (
    <section className="ll-section" data-testid="training-advanced">
      <h3>{t('training:settings.advancedTitle')}</h3>
      {training.optimizer === 'adamw' && (
        <NumberField label={t('training:settings.weightDecay')} testId="weightDecay" value={training.weightDecay ?? 0.01} integer={false} min={0} max={1} onCommit={(weightDecay) => set({ weightDecay })} />
      )}
      {training.optimizer === 'adamw' && <TopicHelpView helpFor="weightDecay" topic={SETTING_HELP.weightDecay} />}
      <NumberField
        label={t('training:settings.seed')}
        testId="trainSeed"
        help={t('training:settings.seedHelp')}
        value={training.seed ?? datasetSeed}
        integer
        onCommit={(seed) => set({ seed })}
      />
      <TopicHelpView helpFor="trainSeed" topic={SETTING_HELP.seed} />
      <SelectField
        label={t('training:settings.lrSchedule')}
        testId="lrSchedule"
        value={schedule.type}
        options={SCHEDULES.map((o) => ({ value: o.value, label: t(o.label) }))}
        onCommit={(type) => set({ lrSchedule: type === 'none' ? undefined : { type } })}
      />
      <TopicHelpView helpFor="lrSchedule" topic={SCHEDULE_HELP[schedule.type]} />
      <ScheduleFields s={schedule} set={(p) => set({ lrSchedule: { ...schedule, ...p } })} />
      <CheckField
        label={t('training:settings.earlyStopping')}
        testId="earlyStopping"
        value={stop !== undefined}
        onCommit={(on) => set({ earlyStopping: on ? { monitor: 'val_loss', patience: 3, restoreBest: true } : undefined })}
      />
      <TopicHelpView helpFor="earlyStopping" topic={SETTING_HELP.earlyStopping} />
      {stop && (
        <>
          <SelectField label={t('training:settings.monitorLabel')} testId="esMonitor" help={NOTE.esMonitor} value={stop.monitor} options={MONITORS.map((o) => ({ value: o.value, label: t(o.label) }))} onCommit={(monitor) => set({ earlyStopping: { ...stop, monitor } })} />
          <div className="ll-row">
            <NumberField label={t('training:settings.patienceEpochs')} testId="esPatience" help={NOTE.esPatience} value={stop.patience} integer min={0} onCommit={(patience) => set({ earlyStopping: { ...stop, patience } })} />
            <NumberField label={t('training:settings.minChange')} testId="esMinDelta" help={NOTE.esMinDelta} value={stop.minDelta ?? 0} integer={false} min={0} onCommit={(minDelta) => set({ earlyStopping: { ...stop, minDelta } })} />
          </div>
          <CheckField label={t('training:settings.restoreBest')} testId="esRestoreBest" help={NOTE.esRestoreBest} value={stop.restoreBest ?? true} onCommit={(restoreBest) => set({ earlyStopping: { ...stop, restoreBest } })} />
        </>
      )}
      <CheckField label={t('training:settings.gradientClip')} testId="gradientClip" value={clip !== undefined} onCommit={(on) => set({ gradientClip: on ? { clipNorm: 1 } : undefined })} />
      <TopicHelpView helpFor="gradientClip" topic={SETTING_HELP.gradientClip} />
      {clip && (
        <div className="ll-row">
          <NumberField
            label={t('training:settings.maxGlobalNorm')}
            testId="clipNorm"
            help={NOTE.clipNorm}
            value={clip.clipNorm ?? 0}
            integer={false}
            min={0}
            onCommit={(v) => set({ gradientClip: { ...clip, clipNorm: v > 0 ? v : undefined } })}
          />
          <NumberField
            label={t('training:settings.maxValue')}
            testId="clipValue"
            help={NOTE.clipValue}
            value={clip.clipValue ?? 0}
            integer={false}
            min={0}
            onCommit={(v) => set({ gradientClip: { ...clip, clipValue: v > 0 ? v : undefined } })}
          />
        </div>
      )}
      <CheckField
        label={t('training:settings.recordDiagnostics')}
        testId="diagnostics"
        value={diagnostics.record}
        onCommit={(record) => set({ diagnostics: { ...diagnostics, record } })}
      />
      <TopicHelpView helpFor="diagnostics" topic={SETTING_HELP.diagnostics} />
      {diagnostics.record && (
        <NumberField
          label={t('training:settings.everyBatches')}
          testId="diagEvery"
          help={NOTE.diagEvery}
          value={diagnostics.everyBatches ?? DEFAULT_DIAGNOSTICS_EVERY}
          integer
          min={1}
          onCommit={(everyBatches) => set({ diagnostics: { ...diagnostics, everyBatches } })}
        />
      )}
    </section>
  );
}
