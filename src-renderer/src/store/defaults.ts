// What File > New starts from: an Input wired to nothing yet and an Output, with the default settings.
import type { GraphFile } from '../../../shared/graph/types';
import { emptyGraph } from '../../../shared/graph/defaults';

export function newGraph(): GraphFile {
  const g = emptyGraph('Untitled');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [784] }, position: { x: 0, y: 120 } },
    { id: 'output_1', kind: 'Output', params: { target: 'y' }, position: { x: 600, y: 120 } },
  ];
  return g;
}
