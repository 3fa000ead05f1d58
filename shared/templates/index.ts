// Built-in example graphs shown in the "New from template" list.
import type { GraphFile } from '../graph/types';
import { mlpMnist } from './mlp-mnist';
import { GPT_TEMPLATES } from './gpt-configs';

export interface Template {
  id: string;
  name: string;
  description: string;
  graph: GraphFile;
}

export const TEMPLATES: Template[] = [
  {
    id: 'mlp-mnist',
    name: 'MLP on MNIST',
    description: 'Input [784] -> Dense 1024 -> Dense 512 -> Dense 512 -> Dense 10 softmax (1.6M parameters)',
    graph: mlpMnist,
  },
  // View-only: their parameter counts are the point; building them would allocate billions of weights.
  ...GPT_TEMPLATES,
];

/** View-only templates show shapes and counts but are not meant to be built or trained. */
export function isViewOnly(t: Template): boolean {
  return t.graph.extras?.viewOnly === true;
}

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
