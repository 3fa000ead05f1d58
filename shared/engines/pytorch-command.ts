// The command a PyTorch-engine run executes: the exported script (model.py, with data.npz beside it) in the run's
// pytorch/ folder, by plain python for one process, through torchrun (python -m torch.distributed.run, static
// rendezvous at node 0) for several processes or machines. The app runs node 0's command itself; every other
// machine runs the same command with its own node rank, which is why it is shown (settings, run log, CLI).
// Pure: the renderer shows it, the training worker runs it.
import type { PytorchConfig, TorchDevice } from '../graph/types';

export const DEFAULT_RENDEZVOUS = '127.0.0.1:29500';
export const MAX_PROCS_PER_NODE = 64;
export const MAX_NODES = 1024;
/** In the run's pytorch/ folder: the exported script, its data and its checkpoints (relative, so the folder can be copied). */
export const TORCH_SCRIPT = 'model.py';
export const TORCH_DATA = 'data.npz';
export const TORCH_CHECKPOINTS = 'checkpoints';

/** Log lines of a PyTorch run that carry a command to run by hand (the CLI prints them). */
export const COMMAND_LOG_PREFIX = 'PyTorch command';

const RENDEZVOUS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):(\d{1,5})$/;

/** Why `text` is not a usable host:port, or null. Only letters, digits, '.', '-', ':' and brackets pass. */
export function rendezvousProblem(text: string): string | null {
  const m = RENDEZVOUS.exec(text);
  if (!m) return `must be host:port, e.g. 10.0.0.5:29500, got ${JSON.stringify(text.slice(0, 80))}`;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return `the port must be 1 to 65535, got ${port}`;
  return null;
}

export interface TorchLaunch {
  device: TorchDevice;
  procsPerNode: number;
  nodes: number;
  host: string;
  port: number;
  /** More than one process in all: torchrun and DistributedDataParallel. */
  distributed: boolean;
}

/** The settings with their defaults filled in. */
export function torchLaunch(config: PytorchConfig | undefined): TorchLaunch {
  const rendezvous = config?.rendezvous && !rendezvousProblem(config.rendezvous) ? config.rendezvous : DEFAULT_RENDEZVOUS;
  const colon = rendezvous.lastIndexOf(':');
  const procsPerNode = config?.procsPerNode ?? 1;
  const nodes = config?.nodes ?? 1;
  return {
    device: config?.device ?? 'auto',
    procsPerNode,
    nodes,
    host: rendezvous.slice(0, colon).replace(/^\[(.*)\]$/, '$1'),
    port: Number(rendezvous.slice(colon + 1)),
    distributed: procsPerNode * nodes > 1,
  };
}

/** The program and its arguments for machine `nodeRank` (0 = the one running LayerLab), run in the pytorch/ folder. */
export function torchArgv(python: string, config: PytorchConfig | undefined, nodeRank = 0): string[] {
  const l = torchLaunch(config);
  const script = [TORCH_SCRIPT, '--events', '--checkpoint-dir', TORCH_CHECKPOINTS, '--device', l.device];
  if (!l.distributed) return [python, ...script];
  return [
    python, '-m', 'torch.distributed.run',
    `--nproc_per_node=${l.procsPerNode}`, `--nnodes=${l.nodes}`, `--node_rank=${nodeRank}`,
    `--master_addr=${l.host}`, `--master_port=${l.port}`,
    // torch 1.13 on Python 3.11 fails without explicit redirects ("'NoneType' object has no attribute 'get'").
    '--redirects', '2', '--tee', '2',
    ...script, '--ddp',
  ];
}

/** POSIX shell quoting, so the shown command can be pasted into a terminal as it is. */
export function shellQuote(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_./=:@%+,-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The whole command for one machine: change to the folder holding model.py and data.npz, then run. */
export function torchCommandText(python: string, config: PytorchConfig | undefined, folder: string, nodeRank = 0): string {
  return `cd ${shellQuote([folder])} && ${shellQuote(torchArgv(python, config, nodeRank))}`;
}
