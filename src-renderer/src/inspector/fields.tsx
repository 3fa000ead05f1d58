// Form controls for the inspector. Typed text is kept locally and committed only when valid, so a
// half-typed number never reaches the graph; the message under the field says what is wrong.
import { useId, useState, type ReactNode } from 'react';
import { parseNumber, parseShapeText, shapeText } from './parse';

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
 * Local text that follows the committed value when it changes from outside (undo, fix buttons), but not
 * while the text already means that value ("0.0" while typing "0.001" must survive committing 0).
 */
function useDraft(committed: string, means: (draft: string) => string | null): [string, (s: string) => void] {
  const [draft, setDraft] = useState(committed);
  const [seen, setSeen] = useState(committed);
  if (seen !== committed) {
    setSeen(committed);
    if (means(draft) !== committed) setDraft(committed);
  }
  return [draft, setDraft];
}

export function NumberField(props: {
  label: string;
  help?: string;
  testId: string;
  value: number;
  integer: boolean;
  min?: number;
  max?: number;
  step?: number | 'any';
  onCommit(v: number): void;
}) {
  const [draft, setDraft] = useDraft(String(props.value), (d) => {
    const p = parseNumber(d, props);
    return p.ok ? String(p.value) : null;
  });
  const parsed = parseNumber(draft, props);
  return (
    <Field label={props.label} help={props.help} error={parsed.ok ? null : parsed.message} testId={props.testId}>
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode={props.integer ? 'numeric' : 'decimal'}
          value={draft}
          min={props.min}
          max={props.max}
          step={props.step ?? (props.integer ? 1 : 'any')}
          data-testid={`param-${props.testId}`}
          aria-invalid={!parsed.ok}
          onChange={(e) => {
            setDraft(e.target.value);
            const p = parseNumber(e.target.value, props);
            if (p.ok && p.value !== props.value) props.onCommit(p.value);
          }}
          onBlur={() => {
            if (!parseNumber(draft, props).ok) setDraft(String(props.value));
          }}
        />
      )}
    </Field>
  );
}

export function ShapeField(props: { label: string; help?: string; testId: string; value: unknown; minLength?: number; maxLength?: number; onCommit(v: number[]): void }) {
  const committed = shapeText(props.value);
  const [draft, setDraft] = useDraft(committed, (d) => {
    const p = parseShapeText(d, props);
    return p.ok ? shapeText(p.value) : null;
  });
  const parsed = parseShapeText(draft, props);
  return (
    <Field label={props.label} help={props.help} error={parsed.ok ? null : parsed.message} testId={props.testId}>
      {(id) => (
        <input
          id={id}
          type="text"
          value={draft}
          placeholder="28, 28, 1"
          data-testid={`param-${props.testId}`}
          aria-invalid={!parsed.ok}
          onChange={(e) => {
            setDraft(e.target.value);
            const p = parseShapeText(e.target.value, props);
            if (p.ok && shapeText(p.value) !== committed) props.onCommit(p.value);
          }}
          onBlur={() => {
            if (!parseShapeText(draft, props).ok) setDraft(committed);
          }}
        />
      )}
    </Field>
  );
}

export function TextField(props: { label: string; help?: string; testId: string; value: string; placeholder?: string; onCommit(v: string): void }) {
  return (
    <Field label={props.label} help={props.help} testId={props.testId}>
      {(id) => (
        <input
          id={id}
          type="text"
          value={props.value}
          placeholder={props.placeholder}
          data-testid={`param-${props.testId}`}
          onChange={(e) => props.onCommit(e.target.value)}
        />
      )}
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
  const [draft, setDraft] = useDraft(props.value, (d) => d);
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
  const options = props.options.map((o): { value: T; label: string; disabled?: boolean } => (typeof o === 'string' ? { value: o, label: o } : o));
  const known = options.some((o) => o.value === props.value);
  return (
    <Field label={props.label} help={props.help} testId={props.testId}>
      {(id) => (
        <select id={id} value={props.value} data-testid={`param-${props.testId}`} onChange={(e) => props.onCommit(e.target.value as T)}>
          {!known && <option value={props.value}>{props.value} (unknown)</option>}
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
