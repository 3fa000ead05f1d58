// Shown when nothing is selected: the graph's name, dataset settings and training settings.
import { useTranslation } from 'react-i18next';
import type { DatasetConfig, LabelEncoding, Normalization, OptimizerName, Representation } from '../../../shared/graph/types';
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
import { LOSS_KEY } from './settingNames';
import { needsFileCheck, useDatasetCheck } from '../dataset/datasetCheck';

const OPTIMIZERS: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'adamax', 'rmsprop', 'adagrad', 'adadelta'];
const LOSSES = Object.keys(LOSS_KEY) as (keyof typeof LOSS_KEY)[];
const REPRESENTATION_KEY = {
  vector: 'editor:inspector.dataset.representations.vector',
  matrix: 'editor:inspector.dataset.representations.matrix',
  image: 'editor:inspector.dataset.representations.image',
  sequence: 'editor:inspector.dataset.representations.sequence',
} as const satisfies Record<Representation, string>;
const LABEL_KEY = {
  onehot: 'editor:inspector.dataset.labelEncodings.onehot',
  int: 'editor:inspector.dataset.labelEncodings.int',
} as const satisfies Record<LabelEncoding, string>;
const NORM_KEY = {
  none: 'editor:inspector.dataset.normalizations.none',
  scale01: 'editor:inspector.dataset.normalizations.scale01',
  standardize: 'editor:inspector.dataset.normalizations.standardize',
} as const satisfies Record<Normalization, string>;

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
  const { t } = useTranslation(['editor']);
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
          placeholder={t('editor:inspector.dataset.pathPlaceholder')}
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
  const { t } = useTranslation(['editor']);
  const dataset = useGraphStore((s) => s.graph.dataset);
  const shapes = useGraphStore((s) => s.datasetShapes);
  const problem = useGraphStore((s) => s.datasetProblem);
  const setDataset = useGraphStore((s) => s.setDataset);
  const datasets = useAppInfo((s) => s.datasets);
  const desc = datasets.find((d) => d.id === dataset.id);
  const lng = useLessonsLanguage();
  // User files: the counts the host read from them (the catalogue's are only what the dataset usually has).
  const fileCheck = useDatasetCheck(api, dataset, desc);
  const sizes = needsFileCheck(desc) ? fileCheck?.shapes : shapes;

  return (
    <section className="ll-section" data-testid="dataset-settings">
      <h3>{t('editor:inspector.dataset.title')}</h3>
      <SelectField
        label={t('editor:inspector.dataset.dataset')}
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
        label={t('editor:inspector.dataset.representation')}
        testId="representation"
        value={dataset.representation}
        options={(desc?.representations ?? [dataset.representation]).map((r) => ({ value: r, label: r in REPRESENTATION_KEY ? t(REPRESENTATION_KEY[r]) : r }))}
        help={t('editor:inspector.dataset.representationHelp')}
        onCommit={(representation) => setDataset({ representation })}
      />
      <div className="ll-row">
        <SelectField
          label={t('editor:inspector.dataset.labels')}
          testId="labels"
          value={dataset.labels}
          options={(desc?.labelEncodings ?? [dataset.labels]).map((l) => ({ value: l, label: l in LABEL_KEY ? t(LABEL_KEY[l]) : l }))}
          onCommit={(labels) => setDataset({ labels })}
        />
        <SelectField
          label={t('editor:inspector.dataset.normalization')}
          testId="normalization"
          value={dataset.normalization}
          options={(desc?.normalizations ?? [dataset.normalization]).map((n) => ({ value: n, label: n in NORM_KEY ? t(NORM_KEY[n]) : n }))}
          onCommit={(normalization) => setDataset({ normalization })}
        />
      </div>
      <div className="ll-row">
        <NumberField
          label={t('editor:inspector.dataset.validationSplit')}
          testId="validationSplit"
          value={dataset.validationSplit}
          integer={false}
          min={0}
          max={0.5}
          onCommit={(validationSplit) => setDataset({ validationSplit })}
        />
        <NumberField label={t('editor:inspector.dataset.limit')} testId="limit" value={dataset.limit} integer min={0} onCommit={(limit) => setDataset({ limit })} />
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
                <dt>{t('editor:inspector.dataset.input', { name: k })}</dt>
                <dd>{formatShape(s)}</dd>
              </div>
            ))}
            {Object.entries(shapes.targets).map(([k, s]) => (
              <div key={`t-${k}`}>
                <dt>{t('editor:inspector.dataset.target', { name: k })}</dt>
                <dd>
                  {formatShape(s)}
                  {shapes.numClasses ? t('editor:inspector.dataset.classes', { n: shapes.numClasses }) : ''}
                </dd>
              </div>
            ))}
            {sizes?.trainSize !== undefined && (
              <div>
                <dt>{t('editor:inspector.dataset.samples')}</dt>
                <dd>
                  {t('editor:inspector.dataset.train', { n: sizes.trainSize.toLocaleString('en-US') })}
                  {sizes.testSize !== undefined ? t('editor:inspector.dataset.test', { n: sizes.testSize.toLocaleString('en-US') }) : ''}
                </dd>
              </div>
            )}
          </dl>
        )
      )}
      {!problem && fileCheck?.problem && (
        <div className="ll-error-box" role="alert" data-testid="dataset-files-problem">
          {t('editor:inspector.dataset.cannotRead', { problem: fileCheck.problem })}
        </div>
      )}
      {downloadNeeded(dataset) && <DownloadOffer id={downloadNeeded(dataset)!} />}
      <PreviewDataButton />
    </section>
  );
}

function TrainingSettings() {
  const { t } = useTranslation(['editor']);
  const training = useGraphStore((s) => s.graph.training);
  const setTraining = useGraphStore((s) => s.setTraining);
  return (
    <section className="ll-section" data-testid="training-settings">
      <h3>{t('editor:inspector.training.title')}</h3>
      <div className="ll-row">
        <SelectField label={t('editor:inspector.training.optimizer')} testId="optimizer" value={training.optimizer} options={OPTIMIZERS} onCommit={(optimizer) => setTraining({ optimizer })} />
        <NumberField
          label={t('editor:inspector.training.learningRate')}
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
          label={t('editor:inspector.training.momentum')}
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
          label={t('editor:inspector.training.batchSize')}
          testId="batchSize"
          value={training.batchSize}
          integer
          min={1}
          max={65536}
          question={(v) => trainingSettingQuestion('batchSize', 'Batch size', training.batchSize, v)}
          onCommit={(batchSize) => setTraining({ batchSize })}
        />
        <NumberField
          label={t('editor:inspector.training.epochs')}
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
      <SelectField label={t('editor:inspector.training.loss')} testId="loss" value={training.loss} options={LOSSES.map((value) => ({ value, label: t(LOSS_KEY[value]) }))} onCommit={(loss) => setTraining({ loss })} />
      <TopicHelpView helpFor="loss" topic={LOSS_HELP[training.loss]} />
      <EngineSettings />
    </section>
  );
}

export function GraphSettings() {
  const { t } = useTranslation(['editor']);
  const name = useGraphStore((s) => s.graph.name);
  const rename = useGraphStore((s) => s.rename);
  return (
    <div className="ll-inspector-body" data-testid="graph-settings">
      <header className="ll-inspector-head">
        <h2>{t('editor:inspector.model.title')}</h2>
      </header>
      <p className="ll-muted ll-small">{t('editor:inspector.model.selectHint')}</p>
      <TextField label={t('editor:inspector.model.name')} testId="graph-name" value={name} onCommit={rename} />
      <PresetPicker />
      <DatasetSettings />
      <TrainingSettings />
      <AdvancedTrainingSettings />
    </div>
  );
}
