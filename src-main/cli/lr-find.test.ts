import { describe, expect, it, vi } from 'vitest';
import { main } from '../cli';
import { lrFindText } from './lr-find';

describe('layerlab lr-find', () => {
  it('prints the curve thinned to about a dozen rows, the suggestion and why it stopped', () => {
    const lrs = Array.from({ length: 30 }, (_, i) => 1e-7 * 10 ** (i / 3.5));
    const losses = lrs.map((_, i) => 2.3 - i * 0.05);
    const text = lrFindText({ lrs, losses, smoothed: losses, suggestion: 0.0012, steepest: 0.0035, stopReason: 'the smoothed loss passed 4x its minimum at learning rate 0.5' });
    const rows = text.split('\n').filter((l) => /^\d\.\d\de[-+]\d/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(16);
    expect(text).toContain('Suggested learning rate: 0.0012 (the smoothed loss\'s minimum / 10); steepest descent: 0.0035');
    expect(text).toContain('Stopped: the smoothed loss passed 4x its minimum');
  });

  it('refuses too few steps and an unknown template with a clear message, before loading anything', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['lr-find', '--template', 'mlp-mnist', '--steps', '3'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain('--steps must be at least 5, got 3');
    expect(await main(['lr-find', '--template', 'nope'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain("no template 'nope'");
    err.mockRestore();
  });
});
