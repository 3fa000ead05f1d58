// Which engine trains the graph: TensorFlow.js (with its backend) or PyTorch, offered when the host found a Python
// with torch (what it found, or why not, is shown). PyTorch's settings: device, the Python (a setting of this
// computer, not of the graph file), and in an advanced section the torchrun layout with the exact command for
// every machine, so a cluster run can be started by hand.
import type { BackendChoice, EngineName, PytorchConfig, TorchDevice } from '../../../shared/graph/types';
import type { PytorchEngineInfo } from '../../../shared/api';
import { MAX_NODES, MAX_PROCS_PER_NODE, TORCH_CHECKPOINTS, rendezvousProblem, torchCommandText, torchLaunch, DEFAULT_RENDEZVOUS } from '../../../shared/engines/pytorch-command';
import { SETTING_HELP } from '../../../shared/training-help';
import { useFieldNotes } from '../lesson/useLessonsLanguage';
import { useAppInfo, useGraphStore } from '../store/stores';
import { CommitTextField, NumberField, SelectField } from '../inspector/fields';
import { TopicHelpView } from '../inspector/TopicHelpView';
import './engine.css';

const BACKENDS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'auto (fastest available)' },
  { value: 'tensorflow', label: 'tensorflow (native)' },
  { value: 'wasm', label: 'wasm' },
  { value: 'cpu', label: 'cpu (pure JS)' },
];
/** Commands shown for at most this many machines (the rest differ only in --node_rank). */
const SHOWN_MACHINES = 3;
const RUN_FOLDER = '<run folder>/pytorch';

function TorchStatus({ torch, error }: { torch: PytorchEngineInfo | undefined; error: string | null }) {
  if (!torch) {
    return (
      <p className="ll-muted ll-small" data-testid="engine-status" data-state="probing">
        {error ? `PyTorch: the host did not say (${error})` : 'Looking for a Python with PyTorch…'}
      </p>
    );
  }
  if (!torch.available) {
    return (
      <p className="ll-field-help" role="note" data-testid="engine-status" data-state="missing">
        PyTorch is not offered: {torch.reason}
      </p>
    );
  }
  return (
    <p className="ll-muted ll-small" data-testid="engine-status" data-state="ready" title={torch.summary}>
      PyTorch {torch.torch} with {torch.blas}; {torch.cudaDevices.length ? `CUDA: ${torch.cudaDevices.join(', ')}` : 'no CUDA device (trains on the CPU)'}; {torch.python}
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
  return (
    <CommitTextField
      label="Python"
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
  const machines = Array.from({ length: Math.min(launch.nodes, SHOWN_MACHINES) }, (_, rank) => rank);
  const devices: { value: TorchDevice; label: string }[] = [
    { value: 'auto', label: 'auto (CUDA if available)' },
    { value: 'cpu', label: 'CPU' },
    { value: 'cuda', label: torch?.cudaDevices.length ? `CUDA (${torch.cudaDevices[0]})` : 'CUDA (torch sees no GPU here)' },
  ];
  return (
    <div data-testid="pytorch-settings">
      <SelectField label="Device" testId="torchDevice" help={NOTE.torchDevice} value={config.device ?? 'auto'} options={devices} onCommit={(device) => set({ device })} />
      <PythonField torch={torch} />
      <details className="ll-advanced" data-testid="torchrun-settings" open={launch.distributed || undefined}>
        <summary>Several processes or machines (torchrun)</summary>
        <div className="ll-row">
          <NumberField
            label="Processes per machine"
            testId="torchProcs"
            help={NOTE.torchProcs}
            value={launch.procsPerNode}
            integer
            min={1}
            max={MAX_PROCS_PER_NODE}
            onCommit={(procsPerNode) => set({ procsPerNode })}
          />
          <NumberField label="Machines" testId="torchNodes" help={NOTE.torchNodes} value={launch.nodes} integer min={1} max={MAX_NODES} onCommit={(nodes) => set({ nodes })} />
        </div>
        <CommitTextField
          label="Rendezvous address"
          testId="torchRendezvous"
          help={NOTE.torchRendezvous}
          value={rendezvous}
          check={(v) => (rendezvousProblem(v.trim()) ? `The address ${rendezvousProblem(v.trim())}` : null)}
          onCommit={(v) => set({ rendezvous: v.trim() })}
        />
        <p className="ll-muted ll-small">
          {launch.nodes > 1
            ? `LayerLab runs machine 1's command itself. Copy the run's pytorch folder (model.py, data.npz) to the other machines and run theirs there:`
            : `The command LayerLab runs, in the run's pytorch folder (model.py, data.npz; checkpoints in ${TORCH_CHECKPOINTS}/):`}
        </p>
        {machines.map((rank) => (
          <pre key={rank} className="ll-command" data-testid={`torch-command-${rank}`}>
            {launch.nodes > 1 ? `# machine ${rank + 1} of ${launch.nodes}\n` : ''}
            {torchCommandText(rank === 0 ? python : 'python3', config, RUN_FOLDER, rank)}
          </pre>
        ))}
        {launch.nodes > SHOWN_MACHINES && <p className="ll-muted ll-small">… and so on up to --node_rank={launch.nodes - 1}.</p>}
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
  const engineOptions: { value: EngineName; label: string; disabled?: boolean }[] = [
    { value: 'tfjs', label: 'TensorFlow.js (in LayerLab)' },
    // Not offered where torch is missing (the reason shows below), but kept selectable when the graph already asks for it.
    { value: 'pytorch', label: offered ? 'PyTorch' : torch ? 'PyTorch (not found)' : 'PyTorch (looking…)', disabled: !offered && engine !== 'pytorch' },
  ];
  return (
    <>
      <SelectField
        label="Engine"
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
          <SelectField label="Backend" testId="backend" value={training.backend} options={BACKENDS} onCommit={(backend) => setTraining({ backend })} />
          <TopicHelpView helpFor="backend" topic={SETTING_HELP.backend} />
        </>
      )}
    </>
  );
}
