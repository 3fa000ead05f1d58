import { describe, expect, it } from 'vitest';
import { mlpMnist } from '../../../shared/templates/mlp-mnist';
import { parseValues } from './parseValues';

describe('parseValues', () => {
  it('reads numbers, choices and booleans by what the path takes', () => {
    expect(parseValues(mlpMnist, 'training.learningRate', '0.001, 0.01 1e-4')).toEqual([0.001, 0.01, 0.0001]);
    expect(parseValues(mlpMnist, 'training.optimizer', 'adam,sgd')).toEqual(['adam', 'sgd']);
    expect(parseValues(mlpMnist, 'nodes.dense_1.params.units', '32, 64')).toEqual([32, 64]);
  });

  it('names the token or path that is wrong', () => {
    expect(parseValues(mlpMnist, 'training.learningRate', '0.01, abc')).toBe("'abc' is not a number");
    expect(parseValues(mlpMnist, 'training.learningRate', ' ')).toBe('Enter at least one value');
    expect(parseValues(mlpMnist, 'nodes.nope.params.units', '1')).toBe("there is no node 'nope' in the graph");
  });
});
