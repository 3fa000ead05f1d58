// Output: no layer; build_model() returns what is wired into it.
import { defineKerasGenerator } from '../types';

export const outputKeras = defineKerasGenerator({ kind: 'Output', generate: () => ({ lines: [] }) });
