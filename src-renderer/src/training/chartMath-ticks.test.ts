// Axis tick labels stay short enough for a chart's left margin.
import { describe, expect, it } from 'vitest';
import { formatTick } from './chartMath';

describe('formatTick', () => {
  it('writes values below 0.001 with an exponent, the others as decimals or thousands', () => {
    expect(formatTick(0.000001)).toBe('1e-6');
    expect(formatTick(0.000025)).toBe('2.5e-5');
    expect(formatTick(-0.0001)).toBe('-1e-4');
    expect(formatTick(0.001)).toBe('0.001');
    expect(formatTick(0.32)).toBe('0.32');
    expect(formatTick(3.162)).toBe('3.16');
    expect(formatTick(12500)).toBe('12.5k');
    expect(formatTick(0)).toBe('0');
  });
});
