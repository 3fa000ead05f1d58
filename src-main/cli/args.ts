// Small argument parsing for the CLI: `--name value`, `--flag`, positionals. Unknown options are errors.
import type { ErrorDetail } from '../../shared/api';

export class CliError extends Error {
  constructor(
    message: string,
    /** 2 = bad usage or input file, 1 = the work itself failed. */
    public readonly exitCode = 2,
    /** The problem as a code (said in the --lang language), after `lead` (e.g. the file name). */
    public readonly coded?: { lead: string; detail: ErrorDetail },
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  help: string;
  /** Values the help text interpolates ({{backends}}...), the same in every language. */
  helpValues?: Record<string, string>;
  run(args: string[]): Promise<number>;
}

export interface OptionSpec {
  type: 'string' | 'number' | 'int' | 'flag';
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | number | boolean>;
}

export function parseArgs(args: string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split('=', 2);
    const spec = specs[rawName];
    if (!spec) throw new CliError(`unknown option --${rawName}. Known: ${Object.keys(specs).map((k) => `--${k}`).join(', ')}`);
    if (spec.type === 'flag') {
      options[rawName] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`--${rawName} needs a value`);
    if (spec.type === 'string') options[rawName] = value;
    else {
      const n = Number(value);
      if (!Number.isFinite(n) || (spec.type === 'int' && !Number.isInteger(n))) {
        throw new CliError(`--${rawName} must be ${spec.type === 'int' ? 'a whole number' : 'a number'}, got '${value}'`);
      }
      options[rawName] = n;
    }
  }
  return { positionals, options };
}
