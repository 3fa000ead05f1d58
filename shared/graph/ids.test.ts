import { describe, expect, it } from 'vitest';
import { newEdgeId, newNodeId } from './ids';

describe('ids', () => {
  it('node ids take the lowest free number for the kind', () => {
    expect(newNodeId('Dense', [])).toBe('dense_1');
    expect(newNodeId('Dense', ['dense_1', 'dense_3'])).toBe('dense_2');
    expect(newNodeId('BatchNormalization', ['dense_1'])).toBe('batchnormalization_1');
  });

  it('edge ids name both ends and stay unique', () => {
    const e = { source: 'dense_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' };
    expect(newEdgeId(e, [])).toBe('e_dense_1-add_1');
    expect(newEdgeId(e, ['e_dense_1-add_1'])).toBe('e_dense_1-add_1_2');
    expect(newEdgeId({ ...e, sourceHandle: 'state_h' }, [])).toBe('e_dense_1.state_h-add_1');
  });
});
