import { describe, expect, it } from 'vitest';
import { shellQuote, torchArgv, torchCommandText, torchLaunch } from './pytorch-command';

describe('the PyTorch engine command', () => {
  it('one process: plain python on the exported script with the engine protocol', () => {
    expect(torchArgv('/usr/bin/python3', undefined)).toEqual(['/usr/bin/python3', 'model.py', '--events', '--checkpoint-dir', 'checkpoints', '--device', 'auto']);
    expect(torchLaunch({ device: 'cpu' })).toMatchObject({ device: 'cpu', procsPerNode: 1, nodes: 1, host: '127.0.0.1', port: 29500, distributed: false });
  });

  it('several processes or machines: torchrun with a static rendezvous at node 0, the same command on every machine but its rank', () => {
    const config = { procsPerNode: 2, nodes: 3, rendezvous: '10.0.0.5:29501' };
    const argv = (rank: number) => torchArgv('python3', config, rank);
    expect(argv(0)).toEqual([
      'python3', '-m', 'torch.distributed.run', '--nproc_per_node=2', '--nnodes=3', '--node_rank=0', '--master_addr=10.0.0.5', '--master_port=29501',
      '--redirects', '2', '--tee', '2', 'model.py', '--events', '--checkpoint-dir', 'checkpoints', '--device', 'auto', '--ddp',
    ]);
    expect(argv(2).filter((a, i) => a !== argv(0)[i])).toEqual(['--node_rank=2']);
    expect(torchLaunch({ rendezvous: '[fe80::1]:29500' }).host).toBe('fe80::1');
  });

  it('quotes for a POSIX shell, so the shown command pastes as it is', () => {
    expect(shellQuote(['python3', 'a b', "it's", '--x=1'])).toBe(`python3 'a b' 'it'\\''s' --x=1`);
    expect(torchCommandText('/opt/my python/bin/python3', undefined, '/home/me/runs/run 1/pytorch')).toBe(
      `cd '/home/me/runs/run 1/pytorch' && '/opt/my python/bin/python3' model.py --events --checkpoint-dir checkpoints --device auto`,
    );
  });
});
