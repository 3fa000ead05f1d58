// Shown when nothing is selected: the graph's name, dataset settings and training settings.
import type { DatasetConfig, LabelEncoding, LossName, Normalization, OptimizerName, Representation } from '../../../shared/graph/types';
import type { DatasetDescriptor, DatasetOptionSpec } from '../../../shared/data/types';
import { formatShape } from '../../../shared/layers/types';
import { useAppInfo, useGraphStore } from '../store/stores';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { PreviewDataButton } from '../dataset/PreviewDataButton';
import { DownloadOffer } from '../dataset/DownloadOffer';
import { downloadNeeded } from '../dataset/datasetFilesStore';
import { allowDatasetPath } from '../dataset/pathGrant';
import { api } from '../api';
import { AdvancedTrainingSettings } from '../training/AdvancedTrainingSettings';
import { EngineSettings } from '../training/EngineSettings';
import { TopicHelpView } from './TopicHelpView';
import { LOSS_HELP, OPTIMIZER_HELP, SETTING_HELP } from '../../../shared/training-help';
import { datasetOptionText, datasetText } from '../../../shared/i18n/lessons';
import { useLessonsLanguage } from '../lesson/useLessonsLanguage';
import { PresetPicker } from './PresetPicker';
import { trainingSettingQuestion } from '../../../shared/graph/sensible';
import { MemoryEstimateNote } from '../training/MemoryEstimateNote';

const OPTIMIZERS: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'adamax', 'rmsprop', 'adagrad', 'adadelta'];
const LOSSES: { value: LossName; label: string }[] = [
  { value: 'categoricalCrossentropy', label: 'categorical cross-entropy' },
  { value: 'sparseCategoricalCrossentropy', label: 'sparse categorical cross-entropy' },
  { value: 'binaryCrossentropy', label: 'binary cross-entropy' },
  { value: 'meanSquaredError', label: 'mean squared error' },
  { value: 'meanAbsoluteError', label: 'mean absolute error' },
];
const REPRESENTATION_LABELS: Record<Representation, string> = {
  vector: 'vector (flattened)',
  matrix: 'matrix (rows)',
  image: 'image (H, W, C)',
  sequence: 'sequence (time steps)',
};
const LABEL_LABELS: Record<LabelEncoding, string> = { onehot: 'one-hot', int: 'class index' };
const NORM_LABELS: Record<Normalization, string> = { none: 'none', scale01: 'scale to 0..1', standardize: 'standardize (mean 0, sd 1)' };

/** Settings that fit a newly chosen dataset: keep what it supports, else take its defaults. */
export function switchDataset(current: DatasetConfig, d: DatasetDescriptor): Partial<DatasetConfig> {
  return {
    id: d.id,
    representation: d.representations.includes(current.representation) ? current.representation : d.defaultRepresentation,
    labels: d.labelEncodings.includes(current.labels) ? current.labels : d.labelEncodings[0],
    normalization: d.normalizations.includes(current.normalization) ? current.normalization : d.normalizations[0],
    options: {},
  };
}

function OptionField({ spec, value, onChange }: { spec: DatasetOptionSpec; value: string | number | boolean | undefined; onChange(v: string | number | boolean): void }) {
  const v = value ?? spec.default;
  const lng = useLessonsLanguage();
  const common = { label: datasetOptionText(spec, 'label', lng), help: datasetOptionText(spec, 'help', lng), testId: `dataset-option-${spec.key}` };
  switch (spec.type) {
    case 'int':
    case 'float':
      return <NumberField {...common} value={Number(v)} integer={spec.type === 'int'} onCommit={onChange} />;
    case 'bool':
      return <CheckField {...common} value={Boolean(v)} onCommit={onChange} />;
    case 'enum':
      return <SelectField {...common} value={String(v)} options={spec.options ?? []} onCommit={onChange} />;
    case 'path':
      // No native file dialog in the browser host: a path on the computer running LayerLab, typed in. Typing it is
      // the user's permission to read it (a path that came inside a graph file is not; see dataset/pathGrant.ts).
      return (
        <TextField
          {...common}
          value={String(v)}
          placeholder="path on the computer running LayerLab"
          onCommit={async (typed: string) => {
            await allowDatasetPath(api, typed);
            onChange(typed);
          }}
        />
      );
    default:
      return <TextField {...common} value={String(v)} onCommit={onChange} />;
  }
}

function DatasetSettings() {
  const dataset = useGraphStore((s) => s.graph.dataset);
  const shapes = useGraphStore((s) => s.datasetShapes);
  const problem = useGraphStore((s) => s.datasetProblem);
  const setDataset = useGraphStore((s) => s.setDataset);
  const datasets = useAppInfo((s) => s.datasets);
  const desc = datasets.find((d) => d.id === dataset.id);
  const lng = useLessonsLanguage();

  return (
    <section className="ll-section" data-testid="dataset-settings">
      <h3>Dataset</h3>
      <SelectField
        label="Dataset"
        testId="dataset"
        value={dataset.id}
        options={datasets.map((d) => ({ value: d.id, label: datasetText(d, 'name', lng) }))}
        help={desc && datasetText(desc, 'description', lng)}
        onCommit={(id) => {
          const d = datasets.find((x) => x.id === id);
          if (d) setDataset(switchDataset(dataset, d));
        }}
      />
      <SelectField
        label="Representation"
        testId="representation"
        value={dataset.representation}
        options={(desc?.representations ?? [dataset.representation]).map((r) => ({ value: r, label: REPRESENTATION_LABELS[r] ?? r }))}
        help="How each sample is shaped for the Input node."
        onCommit={(representation) => setDataset({ representation })}
      />
      <div className="ll-row">
        <SelectField
          label="Labels"
          testId="labels"
          value={dataset.labels}
          options={(desc?.labelEncodings ?? [dataset.labels]).map((l) => ({ value: l, label: LABEL_LABELS[l] ?? l }))}
          onCommit={(labels) => setDataset({ labels })}
        />
        <SelectField
          label="Normalization"
          testId="normalization"
          value={dataset.normalization}
          options={(desc?.normalizations ?? [dataset.normalization]).map((n) => ({ value: n, label: NORM_LABELS[n] ?? n }))}
          onCommit={(normalization) => setDataset({ normalization })}
        />
      </div>
      <div className="ll-row">
        <NumberField
          label="Validation split"
          testId="validationSplit"
          value={dataset.validationSplit}
          integer={false}
          min={0}
          max={0.5}
          onCommit={(validationSplit) => setDataset({ validationSplit })}
        />
        <NumberField label="Limit (0 = all)" testId="limit" value={dataset.limit} integer min={0} onCommit={(limit) => setDataset({ limit })} />
      </div>
      {desc?.options.map((spec) => (
        <OptionField
          key={`${dataset.id}:${spec.key}`}
          spec={spec}
          value={dataset.options?.[spec.key]}
          onChange={(v) => setDataset({ options: { ...dataset.options, [spec.key]: v } })}
        />
      ))}
      {problem ? (
        <div className="ll-error-box" role="alert">
          {problem}
        </div>
      ) : (
        shapes && (
          <dl className="ll-shapes" data-testid="dataset-shapes">
            {Object.entries(shapes.features).map(([k, s]) => (
              <div key={`f-${k}`}>
                <dt>input {k}</dt>
                <dd>{formatShape(s)}</dd>
              </div>
            ))}
            {Object.entries(shapes.targets).map(([k, s]) => (
              <div key={`t-${k}`}>
                <dt>target {k}</dt>
                <dd>
                  {formatShape(s)}
                  {shapes.numClasses ? ` · ${shapes.numClasses} classes` : ''}
                </dd>
              </div>
            ))}
            {shapes.trainSize !== undefined && (
              <div>
                <dt>samples</dt>
                <dd>
                  {shapes.trainSize.toLocaleString('en-US')} train{shapes.testSize !== undefined ? ` · ${shapes.testSize.toLocaleString('en-US')} test` : ''}
                </dd>
              </div>
            )}
          </dl>
        )
      )}
      {downloadNeeded(dataset) && <DownloadOffer id={downloadNeeded(dataset)!} />}
      <PreviewDataButton />
    </section>
  );
}

function TrainingSettings() {
  const training = useGraphStore((s) => s.graph.training);
  const setTraining = useGraphStore((s) => s.setTraining);
  return (
    <section className="ll-section" data-testid="training-settings">
      <h3>Training</h3>
      <div className="ll-row">
        <SelectField label="Optimizer" testId="optimizer" value={training.optimizer} options={OPTIMIZERS} onCommit={(optimizer) => setTraining({ optimizer })} />
        <NumberField
          label="Learning rate"
          testId="learningRate"
          value={training.learningRate}
          integer={false}
          min={0}
          max={10}
          question={(v) => trainingSettingQuestion('learningRate', 'Learning rate', training.learningRate, v)}
          onCommit={(learningRate) => setTraining({ learningRate })}
        />
      </div>
      <TopicHelpView helpFor="optimizer" topic={OPTIMIZER_HELP[training.optimizer]} />
      <TopicHelpView helpFor="learningRate" topic={SETTING_HELP.learningRate} />
      {(training.optimizer === 'momentum' || training.optimizer === 'nesterov') && (
        <NumberField
          label="Momentum"
          testId="momentum"
          value={training.momentum ?? 0.9}
          integer={false}
          min={0}
          max={1}
          onCommit={(momentum) => setTraining({ momentum })}
        />
      )}
      {(training.optimizer === 'momentum' || training.optimizer === 'nesterov') && <TopicHelpView helpFor="momentum" topic={SETTING_HELP.momentum} />}
      <div className="ll-row">
        <NumberField
          label="Batch size"
          testId="batchSize"
          value={training.batchSize}
          integer
          min={1}
          max={65536}
          question={(v) => trainingSettingQuestion('batchSize', 'Batch size', training.batchSize, v)}
          onCommit={(batchSize) => setTraining({ batchSize })}
        />
        <NumberField
          label="Epochs"
          testId="epochs"
          value={training.epochs}
          integer
          min={1}
          max={10000}
          question={(v) => trainingSettingQuestion('epochs', 'Epochs', training.epochs, v)}
          onCommit={(epochs) => setTraining({ epochs })}
        />
      </div>
      <TopicHelpView helpFor="batchSize" topic={SETTING_HELP.batchSize} />
      <TopicHelpView helpFor="epochs" topic={SETTING_HELP.epochs} />
      <MemoryEstimateNote />
      <SelectField label="Loss" testId="loss" value={training.loss} options={LOSSES} onCommit={(loss) => setTraining({ loss })} />
      <TopicHelpView helpFor="loss" topic={LOSS_HELP[training.loss]} />
      <EngineSettings />
    </section>
  );
}

export function GraphSettings() {
  const name = useGraphStore((s) => s.graph.name);
  const rename = useGraphStore((s) => s.rename);
  return (
    <div className="ll-inspector-body" data-testid="graph-settings">
      <header className="ll-inspector-head">
        <h2>Model</h2>
      </header>
      <p className="ll-muted ll-small">Select a node to edit its parameters.</p>
      <TextField label="Name" testId="graph-name" value={name} onCommit={rename} />
      <PresetPicker />
      <DatasetSettings />
      <TrainingSettings />
      <AdvancedTrainingSettings />
    </div>
  );
}
