import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDateTimeShort, formatDuration, formatFixed, formatNumber, formatPercent, formatTime, setFormatLang } from './format';

describe('locale formatting', () => {
  afterEach(() => setFormatLang('en'));

  it('formats counts, percentages and durations in English as the app always did', () => {
    setFormatLang('en');
    expect(formatNumber(1596426)).toBe('1,596,426');
    expect(formatNumber(0.123456, 3)).toBe('0.123');
    expect(formatFixed(1.5, 2)).toBe('1.50');
    expect(formatCount(1596426)).toBe('1.60M');
    expect(formatCount(175e9)).toBe('175.0B');
    expect(formatCount(1.5e9)).toBe('1.50B');
    expect(formatCount(12345)).toBe('12.3K');
    expect(formatCount(9999)).toBe('9,999');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(NaN)).toBe('—');
    expect(formatDuration(5.4)).toBe('5.4s');
    expect(formatDuration(0.04)).toBe('0s');
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(7260)).toBe('2h 01m');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats durations and dates in Korean, keeping K/M/B for parameter counts', () => {
    setFormatLang('ko');
    expect(formatNumber(1596426)).toBe('1,596,426');
    expect(formatCount(1596426)).toBe('1.60M');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatDuration(5.4)).toBe('5.4초');
    expect(formatDuration(125)).toBe('2분 05초');
    expect(formatDuration(7260)).toBe('2시간 01분');
    const at = new Date(2026, 11, 2, 17, 5);
    expect(formatDateTime(at)).toMatch(/^2026\. 12\. 2\./);
    expect(formatTime(at)).toMatch(/5:05/);
    // Chromium writes 오후 where Node's ICU data writes PM: the order and the missing year are what matter.
    expect(formatDateTimeShort(at)).toMatch(/^12\. 2\. \S+ 5:05$/);
    setFormatLang('en');
    expect(formatDateTime(at)).toBe('Dec 2, 2026, 5:05 PM');
    expect(formatDateTimeShort(at)).toBe('12/2, 5:05 PM');
  });
});
