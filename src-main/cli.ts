// Headless LayerLab: `layerlab <command> [options]`. Each command lives in src-main/cli/<command>.ts.
import { CliError, type CliCommand } from './cli/args';
import { inspectCommand } from './cli/inspect';
import { trainCommand } from './cli/train';
import { exportCommand } from './cli/export';
import { importCommand } from './cli/import';
import { datasetsCommand } from './cli/datasets';
import { predictCommand } from './cli/predict';
import { lrFindCommand } from './cli/lr-find';
import { fsErrorText, isFsError } from './files/fs-errors';

const COMMANDS: CliCommand[] = [inspectCommand, trainCommand, exportCommand, importCommand, datasetsCommand, predictCommand, lrFindCommand];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`);
  return ['Usage: layerlab <command> [options]', '', 'Commands:', ...lines, '', 'Run `layerlab <command> --help` for the options of one command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`layerlab: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`layerlab ${name}: ${err.message}`);
      return err.exitCode;
    }
    // A full disk or a missing permission is the machine's state, not a bug: one line, no stack trace.
    if (isFsError(err)) {
      console.error(`layerlab ${name}: ${fsErrorText(err)}`);
      return 1;
    }
    console.error(`layerlab ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

// Run when executed directly (tsx src-main/cli.ts ...), not when imported by tests.
if (process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
