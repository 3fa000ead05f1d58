// Which engine trains the graph: TensorFlow.js (with its backend) or PyTorch, offered when the host found a Python
// with torch (what it found, or why not, is shown). PyTorch's settings: device, the Python (a setting of this
// computer, not of the graph file), and in an advanced section the torchrun layout with the exact command for
// every machine, so a cluster run can be started by hand.
import type { BackendChoice, EngineName, PytorchConfig, TorchDevice } from '../../../shared/graph/types';
import type { PytorchEngineInfo } from '../../../shared/api';
import { MAX_NODES, MAX_PROCS_PER_NODE, TORCH_CHECKPOINTS, rendezvousProblem, torchCommandText, torchLaunch, DEFAULT_RENDEZVOUS } from '../../../shared/engines/pytorch-command';
import { SETTING_HELP } from '../../../shared/training-help';
import { useFieldNotes } from '../lesson/useLessonsLanguage';
import { useTranslation } from 'react-i18next';
import { useAppInfo, useGraphStore } from '../store/stores';
import { CommitTextField, NumberField, SelectField } from '../inspector/fields';
import { TopicHelpView } from '../inspector/TopicHelpView';
import './engine.css';

const BACKENDS = [
  { value: 'auto', label: 'training:engine.backend.auto' },
  { value: 'tensorflow', label: 'training:engine.backend.tensorflow' },
  { value: 'wasm', label: 'training:engine.backend.wasm' },
  { value: 'cpu', label: 'training:engine.backend.cpu' },
] as const satisfies readonly { value: BackendChoice; label: string }[];
/** Commands shown for at most this many machines (the rest differ only in --node_rank). */
const SHOWN_MACHINES = 3;
const RUN_FOLDER = '<run folder>/pytorch';

function TorchStatus({ torch, error }: { torch: PytorchEngineInfo | undefined; error: string | null }) {
  const { t } = useTranslation(['training']);
  if (!torch) {
    return (
      <p className="ll-muted ll-small" data-testid="engine-status" data-state="probing">
        {error ? t('training:engine.hostDidNotSay', { error }) : t('training:engine.looking')}
      </p>
    );
  }
  if (!torch.available) {
    return (
      <p className="ll-field-help" role="note" data-testid="engine-status" data-state="missing">
        {t('training:engine.notOffered', { reason: torch.reason })}
      </p>
    );
  }
  return (
    <p className="ll-muted ll-small" data-testid="engine-status" data-state="ready" title={torch.summary}>
      {t('training:engine.ready', { torch: torch.torch, blas: torch.blas })}; {torch.cudaDevices.length ? `CUDA: ${torch.cudaDevices.join(', ')}` : t('training:engine.noCuda')}; {torch.python}
      {torch.warnings.map((w) => (
        <span key={w} className="ll-field-error" role="alert">
          {' '}
          {w}
        </span>
      ))}
    </p>
  );
}

/** The Python that runs PyTorch: a setting of this computer. Shown also while PyTorch is not offered, to point at another Python. */
function PythonField({ torch }: { torch: PytorchEngineInfo | undefined }) {
  const NOTE = useFieldNotes();
  const setPythonPath = useAppInfo((s) => s.setPythonPath);
  const { t } = useTranslation(['training']);
  return (
    <CommitTextField
      label={t('training:engine.python')}
      testId="torchPython"
      help={NOTE.torchPython}
      value={torch?.pythonSetting ?? ''}
      placeholder={torch?.python ?? 'python3'}
      onCommit={(v) => void setPythonPath(v.trim() ? v.trim() : null)}
    />
  );
}

function PytorchSettings({ torch }: { torch: PytorchEngineInfo | undefined }) {
  const NOTE = useFieldNotes();
  const config = useGraphStore((s) => s.graph.training.pytorch) ?? {};
  const setTraining = useGraphStore((s) => s.setTraining);
  const set = (patch: Partial<PytorchConfig>) => setTraining({ pytorch: { ...config, ...patch } });
  const launch = torchLaunch(config);
  const rendezvous = config.rendezvous ?? DEFAULT_RENDEZVOUS;
  const python = torch?.python ?? torch?.pythonSetting ?? 'python3';
  const { t } = useTranslation(['training']);
  const machines = Array.from({ length: Math.min(launch.nodes, SHOWN_MACHINES) }, (_, rank) => rank);
  const devices: { value: TorchDevice; label: string }[] = [
    { value: 'auto', label: t('training:engine.device.auto') },
    { value: 'cpu', label: 'CPU' },
    { value: 'cuda', label: torch?.cudaDevices.length ? `CUDA (${torch.cudaDevices[0]})` : t('training:engine.device.cudaNone') },
  ];
  return (
    <div data-testid="pytorch-settings">
      <SelectField label={t('training:engine.deviceLabel')} testId="torchDevice" help={NOTE.torchDevice} value={config.device ?? 'auto'} options={devices} onCommit={(device) => set({ device })} />
      <PythonField torch={torch} />
      <details className="ll-advanced" data-testid="torchrun-settings" open={launch.distributed || undefined}>
        <summary>{t('training:engine.torchrun')}</summary>
        <div className="ll-row">
          <NumberField
            label={t('training:engine.procsPerMachine')}
            testId="torchProcs"
            help={NOTE.torchProcs}
            value={launch.procsPerNode}
            integer
            min={1}
            max={MAX_PROCS_PER_NODE}
            onCommit={(procsPerNode) => set({ procsPerNode })}
          />
          <NumberField label={t('training:engine.machines')} testId="torchNodes" help={NOTE.torchNodes} value={launch.nodes} integer min={1} max={MAX_NODES} onCommit={(nodes) => set({ nodes })} />
        </div>
        <CommitTextField
          label={t('training:engine.rendezvous')}
          testId="torchRendezvous"
          help={NOTE.torchRendezvous}
          value={rendezvous}
          check={(v) => (rendezvousProblem(v.trim()) ? t('training:engine.addressProblem', { problem: rendezvousProblem(v.trim()) }) : null)}
          onCommit={(v) => set({ rendezvous: v.trim() })}
        />
        <p className="ll-muted ll-small">
          {launch.nodes > 1
            ? t('training:engine.commandsMany')
            : t('training:engine.commandOne', { checkpoints: TORCH_CHECKPOINTS })}
        </p>
        {machines.map((rank) => (
          <pre key={rank} className="ll-command" data-testid={`torch-command-${rank}`}>
            {launch.nodes > 1 ? `# ${t('training:engine.machineOf', { machine: rank + 1, machines: launch.nodes })}\n` : ''}
            {torchCommandText(rank === 0 ? python : 'python3', config, RUN_FOLDER, rank)}
          </pre>
        ))}
        {launch.nodes > SHOWN_MACHINES && <p className="ll-muted ll-small">{t('training:engine.andSoOn', { rank: launch.nodes - 1 })}</p>}
      </details>
    </div>
  );
}

export function EngineSettings() {
  const training = useGraphStore((s) => s.graph.training);
  const setTraining = useGraphStore((s) => s.setTraining);
  const engines = useAppInfo((s) => s.engines);
  const enginesError = useAppInfo((s) => s.enginesError);
  const engine: EngineName = training.engine ?? 'tfjs';
  const torch = engines?.pytorch;
  const offered = torch?.available === true;
  const { t } = useTranslation(['training']);
  const engineOptions: { value: EngineName; label: string; disabled?: boolean }[] = [
    { value: 'tfjs', label: t('training:engine.tfjs') },
    // Not offered where torch is missing (the reason shows below), but kept selectable when the graph already asks for it.
    { value: 'pytorch', label: offered ? 'PyTorch' : torch ? t('training:engine.pytorchNotFound') : t('training:engine.pytorchLooking'), disabled: !offered && engine !== 'pytorch' },
  ];
  return (
    <>
      <SelectField
        label={t('training:engine.label')}
        testId="engine"
        value={engine}
        options={engineOptions}
        onCommit={(next) => setTraining({ engine: next === 'tfjs' ? undefined : next })}
      />
      <TopicHelpView helpFor="engine" topic={SETTING_HELP.engine} />
      {(engine === 'pytorch' || !offered) && <TorchStatus torch={torch} error={enginesError} />}
      {engine !== 'pytorch' && torch && !offered && <PythonField torch={torch} />}
      {engine === 'pytorch' ? (
        <PytorchSettings torch={torch} />
      ) : (
        <>
          <SelectField label={t('training:engine.backendLabel')} testId="backend" value={training.backend} options={BACKENDS.map((o) => ({ value: o.value, label: t(o.label) }))} onCommit={(backend) => setTraining({ backend })} />
          <TopicHelpView helpFor="backend" topic={SETTING_HELP.backend} />
        </>
      )}
    </>
  );
}
