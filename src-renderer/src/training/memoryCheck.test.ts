import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import { inferGraph } from '../../../shared/infer';
import { memoryCheck } from './memoryCheck';

const GiB = 2 ** 30;

describe('memoryCheck', () => {
  const mlp = getTemplate('mlp-mnist')!.graph;
  const inference = inferGraph(mlp);

  it('says the MLP fits in 24 GiB, with the estimate', () => {
    const c = memoryCheck(inference, mlp.training, 24 * GiB);
    expect(c.verdict).toBe('fits');
    expect(c.message).toMatch(/^Training needs about [\d.]+ MB \(weights 6\.4 MB, gradients 6\.4 MB, adam state and update 102 MB, activations for a batch of 128 .*\) of this machine's 25\.8 GB\.$/);
  });

  it('warns when it takes more than half the machine, refuses above all of it', () => {
    const need = memoryCheck(inference, mlp.training, 24 * GiB).estimate.totalBytes;
    expect(memoryCheck(inference, mlp.training, need * 1.5).verdict).toBe('tight');
    expect(memoryCheck(inference, mlp.training, need * 1.5).message).toContain('more than half');
    const tooLarge = memoryCheck(inference, mlp.training, need * 0.9);
    expect(tooLarge.verdict).toBe('too-large');
    expect(tooLarge.message).toContain('cannot train here');
  });

  it("GPT-3 cannot train on any machine here; without the machine's size only the estimate is given", () => {
    const gpt3 = getTemplate('gpt-3')!.graph;
    const c = memoryCheck(inferGraph(gpt3), gpt3.training, 24 * GiB);
    expect(c.verdict).toBe('too-large');
    expect(c.message).toMatch(/^Training needs about [\d.]+ TB/);
    expect(memoryCheck(inference, mlp.training, undefined)).toMatchObject({ verdict: null });
  });
});
