// Lines the host writes into a run's log and its stop reason carry a code and values (LogDetail, shared/api.ts);
// this says them in a language. English is the line as the host wrote it (unchanged for logs and the CLI);
// another language looks the code up in the `runlog` catalogue, and a code this build does not know (a newer
// host) or a line without a code stays as written.
import { isLogDetail, type LogCode, type LogDetail } from '../api';
import { errorDetailText } from './error-text';
import { i18n, isLang, type Lang } from './i18n';

/** Every code's catalogue key, written in full so the catalogue check finds each one. */
export const LOG_KEY = {
  'dataset.read': 'runlog:dataset.read',
  'dataset.download': 'runlog:dataset.download',
  'eval.done': 'runlog:eval.done',
  'eval.doneAccuracy': 'runlog:eval.doneAccuracy',
  'eval.doneDecoding': 'runlog:eval.doneDecoding',
  'eval.none': 'runlog:eval.none',
  'eval.testSplitFailed': 'runlog:eval.testSplitFailed',
  'eval.failed': 'runlog:eval.failed',
  'eval.noFreeRunning': 'runlog:eval.noFreeRunning',
  'stop.early': 'runlog:stop.early',
  'stop.earlyRestored': 'runlog:stop.earlyRestored',
  'weights.restored': 'runlog:weights.restored',
} as const satisfies Record<LogCode, `runlog:${string}`>;

/** Values that are words of their own (the split a line names), said in the language too. */
const SPLIT_KEY = { test: 'runlog:split.test', validation: 'runlog:split.validation' } as const;

function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : 'en';
}

/** A coded line in `lng`; `english` (the host's own text) when lng is English, the detail is malformed or its code unknown. */
export function logLineText(english: string, detail: unknown, lng: Lang = currentLang()): string {
  if (lng === 'en' || !isLogDetail(detail)) return english;
  const key = (LOG_KEY as Record<string, (typeof LOG_KEY)[LogCode] | undefined>)[detail.code];
  if (!key) return english;
  const values: Record<string, string | number> = { ...detail.params };
  const split = values.split;
  if (split === 'test' || split === 'validation') values.split = i18n.t(SPLIT_KEY[split], { lng });
  if (detail.cause) values.cause = errorDetailText(detail.cause, lng);
  return i18n.t(key, { ...values, lng }) as string;
}

/** A stored run's log line ("[info] Evaluated on ...") with its message said in `lng`; the level tag stays. */
export function storedLogLine(line: string, detail: LogDetail | null | undefined, lng: Lang = currentLang()): string {
  const m = /^(\[(?:info|warn|error)\] )([\s\S]*)$/.exec(line);
  return m ? m[1] + logLineText(m[2], detail, lng) : logLineText(line, detail, lng);
}
