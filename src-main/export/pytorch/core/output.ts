// Output: no code of its own; the module returns what is wired into it (see script.ts).
import { definePyGenerator } from '../types';

export const outputPy = definePyGenerator({
  kind: 'Output',
  generate: () => ({ init: [], forward: [] }),
});
