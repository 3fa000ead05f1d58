// Form controls for the inspector. Typed text is kept locally and committed on Enter or blur, only when
// valid, so a half-typed number never reaches the graph; the message under the field says what is wrong.
import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseNumber, parseShapeText, shapeText, type Parsed } from './parse';
import { decideCommit } from './commit';
import { useUi } from '../store/uiStore';
import { i18n } from '../../../shared/i18n/i18n';

interface FieldProps {
  label: string;
  help?: string;
  error?: string | null;
  testId: string;
  children: (id: string) => ReactNode;
  inline?: boolean;
}

export function Field({ label, help, error, testId, children, inline }: FieldProps) {
  const id = useId();
  return (
    <div className={`ll-field${inline ? ' inline' : ''}${error ? ' invalid' : ''}`} data-testid={`field-${testId}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error && (
        <div className="ll-field-error" role="alert">
          {error}
        </div>
      )}
      {help && <div className="ll-field-help">{help}</div>}
    </div>
  );
}

/**
 * A text field that commits on Enter or when focus leaves it; nothing reaches the model while the user types.
 * Invalid text stays in the field, marked, with the reason, until it is corrected or Escape puts the current
 * value back. A value `question` flags (above its sensible range) is applied only after the user agrees.
 * The text follows the committed value when it changes from outside (undo, fix buttons) while not editing.
 */
function useCommitField<T>(opts: {
  committed: string;
  parse: (text: string) => Parsed<T>;
  isCurrent: (value: T) => boolean;
  onCommit: (value: T) => void;
  question?: (value: T) => string | null;
}) {
  const [draft, setDraft] = useState(opts.committed);
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(opts.committed);
  const editing = useRef(false);
  const asking = useRef(false);
  if (seen !== opts.committed) {
    setSeen(opts.committed);
    if (!editing.current) {
      setDraft(opts.committed);
      setError(null);
    }
  }
  const revert = () => {
    editing.current = false;
    setDraft(opts.committed);
    setError(null);
  };
  const commit = async () => {
    if (asking.current || !editing.current) return;
    const decision = decideCommit(draft, opts.parse, opts.isCurrent, opts.question);
    switch (decision.kind) {
      case 'invalid':
        setError(decision.message);
        return;
      case 'unchanged':
        editing.current = false;
        setError(null);
        return;
      case 'ask': {
        asking.current = true;
        const ok = await useUi.getState().ask(i18n.t('editor:inspector.field.applyQuestion'), decision.question, i18n.t('editor:inspector.field.apply'));
        asking.current = false;
        if (!ok) return revert();
        break;
      }
      case 'apply':
        break;
    }
    editing.current = false;
    setError(null);
    opts.onCommit(decision.value);
  };
  return {
    draft,
    error,
    inputProps: {
      value: draft,
      'aria-invalid': error !== null,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        editing.current = true;
        setDraft(e.target.value);
        // A marked field loses its mark as soon as the text is valid again.
        if (error !== null && opts.parse(e.target.value).ok) setError(null);
      },
      onBlur: () => void commit(),
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          revert();
        }
      },
    },
  };
}

export function NumberField(props: {
  label: string;
  help?: string;
  testId: string;
  value: number;
  integer: boolean;
  min?: number;
  max?: number;
  /** Asked before applying a value (e.g. above the parameter's sensible range); null = apply. */
  question?: (value: number) => string | null;
  onCommit(v: number): void;
}) {
  const { t } = useTranslation(['editor']);
  const field = useCommitField({
    committed: String(props.value),
    parse: (text) => parseNumber(text, props),
    isCurrent: (v) => v === props.value,
    onCommit: props.onCommit,
    question: props.question,
  });
  return (
    <Field label={props.label} help={props.help} error={field.error} testId={props.testId}>
      {(id) => (
        <input
          id={id}
          type="text"
          inputMode={props.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          data-testid={`param-${props.testId}`}
          title={t('editor:inspector.field.numberTitle')}
          {...field.inputProps}
        />
      )}
    </Field>
  );
}

export function ShapeField(props: { label: string; help?: string; testId: string; value: unknown; minLength?: number; maxLength?: number; onCommit(v: number[]): void }) {
  const committed = shapeText(props.value);
  const field = useCommitField({
    committed,
    parse: (text) => parseShapeText(text, props),
    isCurrent: (v) => shapeText(v) === committed,
    onCommit: props.onCommit,
  });
  return (
    <Field label={props.label} help={props.help} error={field.error} testId={props.testId}>
      {(id) => <input id={id} type="text" placeholder="28, 28, 1" autoComplete="off" spellCheck={false} data-testid={`param-${props.testId}`} {...field.inputProps} />}
    </Field>
  );
}

const anyText = (text: string): Parsed<string> => ({ ok: true, value: text });

export function TextField(props: { label: string; help?: string; testId: string; value: string; placeholder?: string; onCommit(v: string): void }) {
  const field = useCommitField({ committed: props.value, parse: anyText, isCurrent: (v) => v === props.value, onCommit: props.onCommit });
  return (
    <Field label={props.label} help={props.help} testId={props.testId}>
      {(id) => <input id={id} type="text" placeholder={props.placeholder} data-testid={`param-${props.testId}`} {...field.inputProps} />}
    </Field>
  );
}

/**
 * Text committed on Enter or when the field loses focus, and only when `check` finds no problem (the problem
 * shows under the field meanwhile): for values that cost something to apply or must be valid to be saved.
 */
export function CommitTextField(props: {
  label: string;
  help?: string;
  testId: string;
  value: string;
  placeholder?: string;
  check?(v: string): string | null;
  onCommit(v: string): void;
}) {
  const [draft, setDraft] = useState(props.value);
  // A new value from outside (another graph opened, the host's answer) replaces the draft.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setDraft(props.value);
  }
  const problem = props.check?.(draft) ?? null;
  const commit = () => {
    if (!problem && draft !== props.value) props.onCommit(draft);
  };
  return (
    <Field label={props.label} help={props.help} error={problem} testId={props.testId}>
      {(id) => (
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={props.placeholder}
          data-testid={`param-${props.testId}`}
          aria-invalid={!!problem}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  help?: string;
  testId: string;
  value: T;
  options: readonly T[] | readonly { value: T; label: string; disabled?: boolean }[];
  onCommit(v: T): void;
}) {
  const { t } = useTranslation(['editor']);
  const options = props.options.map((o): { value: T; label: string; disabled?: boolean } => (typeof o === 'string' ? { value: o, label: o } : o));
  const known = options.some((o) => o.value === props.value);
  return (
    <Field label={props.label} help={props.help} testId={props.testId}>
      {(id) => (
        <select id={id} value={props.value} data-testid={`param-${props.testId}`} onChange={(e) => props.onCommit(e.target.value as T)}>
          {!known && <option value={props.value}>{t('editor:inspector.field.unknownOption', { value: props.value })}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField(props: { label: string; help?: string; testId: string; value: boolean; onCommit(v: boolean): void }) {
  return (
    <Field label={props.label} help={props.help} testId={props.testId} inline>
      {(id) => (
        <input id={id} type="checkbox" checked={props.value} data-testid={`param-${props.testId}`} onChange={(e) => props.onCommit(e.target.checked)} />
      )}
    </Field>
  );
}
