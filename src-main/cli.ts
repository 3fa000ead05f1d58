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
import { takeLangOption } from './cli/lang';
import { i18n } from '../shared/i18n/all-languages';
import type { Lang } from '../shared/i18n/i18n';
import { errorDetailText, errorText } from '../shared/i18n/error-text';
import { detailOf } from '../shared/api';

const COMMANDS: CliCommand[] = [inspectCommand, trainCommand, exportCommand, importCommand, datasetsCommand, predictCommand, lrFindCommand];

/** Each command's one-line summary in the catalogue (the command's own `summary` is the English source). */
const SUMMARY_KEY = {
  inspect: 'cli:summary.inspect',
  train: 'cli:summary.train',
  export: 'cli:summary.export',
  import: 'cli:summary.import',
  datasets: 'cli:summary.datasets',
  predict: 'cli:summary.predict',
  'lr-find': 'cli:summary.lr-find',
} as const;

function summary(c: CliCommand, lng: Lang): string {
  const key = (SUMMARY_KEY as Record<string, (typeof SUMMARY_KEY)[keyof typeof SUMMARY_KEY] | undefined>)[c.name];
  return lng === 'en' || !key ? c.summary : i18n.t(key, { lng });
}

/** Each command's `--help` text in the catalogue (English too); commands not listed print their English `help`. */
const HELP_KEY = {
  inspect: 'cli:help.inspect',
  datasets: 'cli:help.datasets',
  'lr-find': 'cli:help.lr-find',
  train: 'cli:help.train',
  export: 'cli:help.export',
  import: 'cli:help.import',
  predict: 'cli:help.predict',
} as const;

function help(c: CliCommand, lng: Lang): string {
  const key = (HELP_KEY as Record<string, (typeof HELP_KEY)[keyof typeof HELP_KEY] | undefined>)[c.name];
  return lng === 'en' || !key ? c.help : i18n.t(key, { lng, ...c.helpValues });
}

function usage(lng: Lang): string {
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${summary(c, lng)}`);
  const t = (key: 'cli:usage' | 'cli:commands' | 'cli:moreHelp' | 'cli:langOption') => i18n.t(key, { lng });
  return [t('cli:usage'), '', t('cli:commands'), ...lines, '', t('cli:moreHelp'), t('cli:langOption')].join('\n');
}

/** `env` decides the language when there is no --lang (LANG=ko_KR.UTF-8 -> Korean). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { lang, rest: args, bad } = takeLangOption(argv, env);
  if (bad !== undefined) {
    console.error(i18n.t('cli:badLang', { lng: lang, lang: bad }));
    return 2;
  }
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(lang));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`${i18n.t('cli:unknownCommand', { lng: lang, name })}\n\n${usage(lang)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(help(command, lang));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      const text = err.coded && lang !== 'en' ? err.coded.lead + errorDetailText(err.coded.detail, lang) : err.message;
      console.error(`layerlab ${name}: ${text}`);
      return err.exitCode;
    }
    // A coded error (a bad dataset file, a refused import) in the chosen language; English keeps its message.
    if (lang !== 'en' && detailOf(err)) {
      console.error(`layerlab ${name}: ${errorText(err, lang)}`);
      return 1;
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
