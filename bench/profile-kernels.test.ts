import { describe, expect, it } from 'vitest';
import { kernelShares } from './profile-kernels';

describe('training step profile', () => {
  it('sums time per kernel, largest first, leaving out custom-gradient op wrappers and failed timings', () => {
    const shares = kernelShares(
      [
        { name: 'BatchMatMul', kernelTimeMs: 3 },
        { name: 'fusedMatMul__op', kernelTimeMs: 5 }, // its kernels (BatchMatMul, Add) are listed on their own
        { name: 'Add', kernelTimeMs: 1 },
        { name: 'BatchMatMul', kernelTimeMs: 2 },
        { name: 'Relu', kernelTimeMs: { error: 'no timer' } },
      ],
      10,
    );
    expect(shares).toEqual([
      { kernel: 'BatchMatMul', ms: 5, share: 0.5 },
      { kernel: 'Add', ms: 1, share: 0.1 },
    ]);
  });
});
