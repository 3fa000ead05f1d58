// vitest setupFiles: every language on the i18n instance before a test file runs, as the CLI and the Electron
// menu have it (the renderer's lazy Korean load is tested on a fresh instance in lazy-korean.test.ts).
import './all-languages';
