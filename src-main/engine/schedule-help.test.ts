// The schedule formulas the help shows (shared/training-help/schedules.ts) are the ones the engine uses.
import { describe, expect, it } from 'vitest';
import { SCHEDULE_HELP } from '../../shared/training-help';
import { LrScheduler } from './schedules';

const ETA0 = 0.1;
const E = 12;
const epochs = Array.from({ length: E }, (_, e) => e);
/** A help formula on one line (the help breaks long formulas over lines to fit the inspector). */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

describe('schedule help formulas', () => {
  it('constant: η_e = η0', () => {
    const s = new LrScheduler(undefined, ETA0, E);
    for (const e of epochs) expect(s.lrFor(e)).toBe(ETA0);
    expect(SCHEDULE_HELP.none.formula).toContain('η_e = η0');
  });

  it('step: η_e = η0 · γ^floor(e / s)', () => {
    const s = new LrScheduler({ type: 'step', stepEpochs: 5, gamma: 0.5 }, ETA0, E);
    for (const e of epochs) expect(s.lrFor(e)).toBeCloseTo(ETA0 * 0.5 ** Math.floor(e / 5), 12);
    expect(SCHEDULE_HELP.step.formula).toContain('η_e = η0 · γ^floor(e / s)');
  });

  it('exponential: η_e = η0 · γ^e, halving about every 14 epochs at γ = 0.95', () => {
    const s = new LrScheduler({ type: 'exponential', gamma: 0.95 }, ETA0, E);
    for (const e of epochs) expect(s.lrFor(e)).toBeCloseTo(ETA0 * 0.95 ** e, 12);
    expect(Math.log(0.5) / Math.log(0.95)).toBeCloseTo(13.5, 1);
    expect(SCHEDULE_HELP.exponential.formula).toContain('η_e = η0 · γ^e');
  });

  it('cosine: η_e = η_min + (η0 − η_min) · (1 + cos(π · e / E)) / 2', () => {
    const s = new LrScheduler({ type: 'cosine', minLr: 0.01 }, ETA0, E);
    for (const e of epochs) expect(s.lrFor(e)).toBeCloseTo(0.01 + ((ETA0 - 0.01) * (1 + Math.cos((Math.PI * e) / E))) / 2, 12);
    expect(oneLine(SCHEDULE_HELP.cosine.formula)).toContain('η_e = η_min + (η0 − η_min) · (1 + cos(π · e / E)) / 2');
  });

  it('plateau: cut after MORE than p epochs without improvement, not below η_min', () => {
    const s = new LrScheduler({ type: 'plateau', patience: 2, factor: 0.5, minLr: 0.03 }, ETA0, E);
    expect(s.observe(1)).toBeNull(); // best
    expect(s.observe(1)).toBeNull(); // 1 epoch without improvement
    expect(s.observe(1)).toBeNull(); // 2 = p: not yet
    expect(s.observe(1)).not.toBeNull(); // 3 > p: cut
    expect(s.lrFor(4)).toBeCloseTo(0.05, 12);
    for (let i = 0; i < 3; i++) s.observe(1);
    expect(s.lrFor(8)).toBeCloseTo(0.03, 12); // 0.025 would be below η_min
    expect(oneLine(SCHEDULE_HELP.plateau.formula)).toContain('for more than p epochs in a row: η ← max(η_min, η · factor)');
  });
});
