// Experiments and run details name settings, losses and datasets as the inspector does, in both languages.
import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../shared/i18n/i18n';
import { getTemplate } from '../../../shared/templates';
import { variablePaths } from '../../../shared/experiments/paths';
import { datasetName, lossName, settingPathName } from './settingNames';

const graph = getTemplate('mlp-mnist')!.graph;
const dense = graph.nodes.find((n) => n.kind === 'Dense')!;

describe('setting names', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('gives the inspector labels in English, never code ids', () => {
    expect(settingPathName(graph, 'training.learningRate', 'en')).toBe('Learning rate');
    expect(settingPathName(graph, 'dataset.validationSplit', 'en')).toBe('Validation split');
    expect(settingPathName(graph, `nodes.${dense.id}.params.units`, 'en')).toBe(`${dense.label ?? dense.id} units`);
    expect(lossName('categoricalCrossentropy', 'en')).toBe('categorical cross-entropy');
    expect(datasetName('mnist-bundled', 'en')).toBe('MNIST (bundled, 10k digits)');
  });

  it('gives them in Korean', async () => {
    await i18n.changeLanguage('ko');
    expect(settingPathName(graph, 'training.learningRate')).toBe('학습률 (learning rate)');
    expect(settingPathName(graph, `nodes.${dense.id}.params.units`)).toBe(`${dense.label ?? dense.id} 유닛`);
    expect(lossName('categoricalCrossentropy')).toContain('범주형 교차 엔트로피');
    expect(datasetName('mnist-bundled')).toBe('MNIST (내장, 숫자 10,000개)');
  });

  it('names every path an experiment offers, and keeps unknown ids as they are', () => {
    for (const p of variablePaths(graph)) expect(settingPathName(graph, p.path, 'en')).not.toMatch(/^(training|dataset|nodes)\./);
    expect(lossName('huber', 'en')).toBe('huber');
    expect(datasetName('my-data', 'en')).toBe('my-data');
  });
});
