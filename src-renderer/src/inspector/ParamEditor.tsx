// One layer parameter, edited with the control its ParamSpec asks for.
import type { ParamSpec, ParamValue } from '../../../shared/layers/types';
import { CheckField, NumberField, SelectField, ShapeField, TextField } from './fields';
import { NodeRefField } from './NodeRefField';

export function ParamEditor({
  name,
  spec,
  value,
  onChange,
  question,
}: {
  name: string;
  spec: ParamSpec;
  value: ParamValue | undefined;
  onChange(v: ParamValue): void;
  /** For numbers: the question to ask before applying a value (above its sensible range), or null. */
  question?: (v: number) => string | null;
}) {
  const common = { label: spec.label, help: spec.help, testId: name };
  switch (spec.type) {
    case 'int':
    case 'float':
      return (
        <NumberField
          {...common}
          value={typeof value === 'number' ? value : spec.default}
          integer={spec.type === 'int'}
          min={spec.min}
          max={spec.max}
          question={question}
          onCommit={onChange}
        />
      );
    case 'bool':
      return <CheckField {...common} value={typeof value === 'boolean' ? value : spec.default} onCommit={onChange} />;
    case 'enum':
      return <SelectField {...common} value={String(value ?? spec.default)} options={spec.options} onCommit={onChange} />;
    case 'shape':
      return <ShapeField {...common} value={value ?? spec.default} minLength={spec.minLength} maxLength={spec.maxLength} onCommit={onChange} />;
    case 'string':
      return <TextField {...common} value={String(value ?? spec.default)} onCommit={onChange} />;
    case 'node':
      return <NodeRefField name={name} spec={spec} value={String(value ?? spec.default)} onChange={onChange} />;
  }
}
