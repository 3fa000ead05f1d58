// Every language available synchronously on the shared i18n instance: `import '.../all-languages'` once in an
// entry point that must answer in Korean without waiting (the CLI, the Electron main process's menu, and the
// test files that read Korean; not a vitest setup file, which would cost every test file ~1 s). The renderer
// does not import this: it loads Korean with loadLanguage('ko').
import { addLanguage, i18n } from './i18n';
import { resourcesKo } from './resources-ko';

addLanguage('ko', resourcesKo);

export { i18n };
