// Hyperparameters beyond the basics, for the fields TrainingConfig has (shared/graph/types.ts): seed,
// learning-rate schedule, early stopping, gradient clipping and AdamW's weight decay. A section that is
// off leaves its field out of the graph (absent = constant rate, all epochs, no clipping).
import { DEFAULT_DIAGNOSTICS_EVERY, type EarlyStoppingMonitor, type LrScheduleConfig, type LrScheduleType, type TrainingConfig } from '../../../shared/graph/types';
import { useGraphStore } from '../store/stores';
import { CheckField, NumberField, SelectField } from '../inspector/fields';
import { TopicHelpView } from '../inspector/TopicHelpView';
import { SCHEDULE_HELP, SETTING_HELP } from '../../../shared/training-help';
import { useFieldNotes } from '../lesson/useLessonsLanguage';

const SCHEDULES: { value: LrScheduleType; label: string }[] = [
  { value: 'none', label: 'constant' },
  { value: 'step', label: 'step decay' },
  { value: 'exponential', label: 'exponential decay' },
  { value: 'cosine', label: 'cosine annealing' },
  { value: 'plateau', label: 'reduce on plateau' },
];
const MONITORS: { value: EarlyStoppingMonitor; label: string }[] = [
  { value: 'val_loss', label: 'validation loss' },
  { value: 'val_acc', label: 'validation accuracy' },
  { value: 'loss', label: 'training loss' },
];

function ScheduleFields({ s, set }: { s: LrScheduleConfig; set(p: Partial<LrScheduleConfig>): void }) {
  const NOTE = useFieldNotes();
  switch (s.type) {
    case 'step':
      return (
        <div className="ll-row">
          <NumberField label="Every (epochs)" testId="lrStepEpochs" help={NOTE.lrStepEpochs} value={s.stepEpochs ?? 10} integer min={1} onCommit={(stepEpochs) => set({ stepEpochs })} />
          <NumberField label="Multiply by" testId="lrGamma" help={NOTE.stepGamma} value={s.gamma ?? 0.1} integer={false} min={0.0001} max={1} onCommit={(gamma) => set({ gamma })} />
        </div>
      );
    case 'exponential':
      return <NumberField label="Multiply per epoch" testId="lrGamma" help={NOTE.exponentialGamma} value={s.gamma ?? 0.95} integer={false} min={0.0001} max={1} onCommit={(gamma) => set({ gamma })} />;
    case 'cosine':
      return <NumberField label="Minimum rate" testId="lrMin" help={NOTE.lrMin} value={s.minLr ?? 0} integer={false} min={0} max={10} onCommit={(minLr) => set({ minLr })} />;
    case 'plateau':
      return (
        <div className="ll-row">
          <NumberField label="Patience" testId="lrPatience" help={NOTE.lrPatience} value={s.patience ?? 5} integer min={0} onCommit={(patience) => set({ patience })} />
          <NumberField label="Factor" testId="lrFactor" help={NOTE.lrFactor} value={s.factor ?? 0.1} integer={false} min={0.0001} max={0.9999} onCommit={(factor) => set({ factor })} />
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

  return (
    <section className="ll-section" data-testid="training-advanced">
      <h3>Schedule, stopping, clipping, diagnostics</h3>
      {training.optimizer === 'adamw' && (
        <NumberField label="Weight decay" testId="weightDecay" value={training.weightDecay ?? 0.01} integer={false} min={0} max={1} onCommit={(weightDecay) => set({ weightDecay })} />
      )}
      {training.optimizer === 'adamw' && <TopicHelpView helpFor="weightDecay" topic={SETTING_HELP.weightDecay} />}
      <NumberField
        label="Seed"
        testId="trainSeed"
        help="Shuffle order and weight initialisation (defaults to the dataset seed)."
        value={training.seed ?? datasetSeed}
        integer
        onCommit={(seed) => set({ seed })}
      />
      <TopicHelpView helpFor="trainSeed" topic={SETTING_HELP.seed} />
      <SelectField
        label="Learning-rate schedule"
        testId="lrSchedule"
        value={schedule.type}
        options={SCHEDULES}
        onCommit={(type) => set({ lrSchedule: type === 'none' ? undefined : { type } })}
      />
      <TopicHelpView helpFor="lrSchedule" topic={SCHEDULE_HELP[schedule.type]} />
      <ScheduleFields s={schedule} set={(p) => set({ lrSchedule: { ...schedule, ...p } })} />
      <CheckField
        label="Early stopping"
        testId="earlyStopping"
        value={stop !== undefined}
        onCommit={(on) => set({ earlyStopping: on ? { monitor: 'val_loss', patience: 3, restoreBest: true } : undefined })}
      />
      <TopicHelpView helpFor="earlyStopping" topic={SETTING_HELP.earlyStopping} />
      {stop && (
        <>
          <SelectField label="Monitor" testId="esMonitor" help={NOTE.esMonitor} value={stop.monitor} options={MONITORS} onCommit={(monitor) => set({ earlyStopping: { ...stop, monitor } })} />
          <div className="ll-row">
            <NumberField label="Patience (epochs)" testId="esPatience" help={NOTE.esPatience} value={stop.patience} integer min={0} onCommit={(patience) => set({ earlyStopping: { ...stop, patience } })} />
            <NumberField label="Min change" testId="esMinDelta" help={NOTE.esMinDelta} value={stop.minDelta ?? 0} integer={false} min={0} onCommit={(minDelta) => set({ earlyStopping: { ...stop, minDelta } })} />
          </div>
          <CheckField label="Restore best weights" testId="esRestoreBest" help={NOTE.esRestoreBest} value={stop.restoreBest ?? true} onCommit={(restoreBest) => set({ earlyStopping: { ...stop, restoreBest } })} />
        </>
      )}
      <CheckField label="Gradient clipping" testId="gradientClip" value={clip !== undefined} onCommit={(on) => set({ gradientClip: on ? { clipNorm: 1 } : undefined })} />
      <TopicHelpView helpFor="gradientClip" topic={SETTING_HELP.gradientClip} />
      {clip && (
        <div className="ll-row">
          <NumberField
            label="Max global norm"
            testId="clipNorm"
            help={NOTE.clipNorm}
            value={clip.clipNorm ?? 0}
            integer={false}
            min={0}
            onCommit={(v) => set({ gradientClip: { ...clip, clipNorm: v > 0 ? v : undefined } })}
          />
          <NumberField
            label="Max |value|"
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
        label="Record layer diagnostics"
        testId="diagnostics"
        value={diagnostics.record}
        onCommit={(record) => set({ diagnostics: { ...diagnostics, record } })}
      />
      <TopicHelpView helpFor="diagnostics" topic={SETTING_HELP.diagnostics} />
      {diagnostics.record && (
        <NumberField
          label="Every (batches)"
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
