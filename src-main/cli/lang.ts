// The CLI's language: `--lang ko|en` anywhere on the command line, else the locale environment
// (LC_ALL, LC_MESSAGES, LANG as POSIX orders them: ko_KR.UTF-8 -> ko), else English.
import { isLang, type Lang } from '../../shared/i18n/i18n';

/** The language from the environment's locale variables; English unless the first set one is Korean. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(?:[_.@-]|$)/i.test(locale) ? 'ko' : 'en';
}

/** Takes `--lang X` / `--lang=X` out of argv. `bad` is set when X is not a language the CLI speaks. */
export function takeLangOption(argv: string[], env: NodeJS.ProcessEnv): { lang: Lang; rest: string[]; bad?: string } {
  const rest: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') given = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) given = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (given === undefined) return { lang: langFromEnv(env), rest };
  return isLang(given) ? { lang: given, rest } : { lang: langFromEnv(env), rest, bad: given };
}
