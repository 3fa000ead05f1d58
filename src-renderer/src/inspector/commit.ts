// What happens when an inspector field is committed (Enter or leaving the field): nothing in the model
// changes while the user types; then the typed text is either applied, applied after a question (a value
// above its sensible range), left alone (it means the current value), or kept in the field as invalid with
// the reason. Pure, so the rules are tested without a browser.
import type { Parsed } from './parse';

export type CommitDecision<T> =
  | { kind: 'invalid'; message: string }
  | { kind: 'unchanged' }
  | { kind: 'ask'; value: T; question: string }
  | { kind: 'apply'; value: T };

export function decideCommit<T>(
  draft: string,
  parse: (text: string) => Parsed<T>,
  isCurrent: (value: T) => boolean,
  question?: (value: T) => string | null,
): CommitDecision<T> {
  const parsed = parse(draft);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  if (isCurrent(parsed.value)) return { kind: 'unchanged' };
  const q = question?.(parsed.value) ?? null;
  return q ? { kind: 'ask', value: parsed.value, question: q } : { kind: 'apply', value: parsed.value };
}
