// The typed list of values of a varied parameter, parsed by the kind the parameter path takes.
import type { GraphFile } from '../../../shared/graph/types';
import { ruleFor } from '../../../shared/experiments/paths';
import type { TrialValue } from '../../../shared/experiments/types';

/** "0.001, 0.01" -> values of the path's kind, or a message naming the token that is wrong. */
export function parseValues(graph: GraphFile, path: string, text: string): TrialValue[] | string {
  const rule = ruleFor(graph, path);
  if (typeof rule === 'string') return rule;
  const tokens = text.split(/[,\s]+/).filter(Boolean);
  if (tokens.length === 0) return 'Enter at least one value';
  const out: TrialValue[] = [];
  for (const tok of tokens) {
    if (rule.kind === 'number' || rule.kind === 'int') {
      const v = Number(tok);
      if (!Number.isFinite(v)) return `'${tok}' is not a number`;
      out.push(v);
    } else if (rule.kind === 'bool') {
      if (tok !== 'true' && tok !== 'false') return `'${tok}' is not true or false`;
      out.push(tok === 'true');
    } else out.push(tok);
  }
  return out;
}

