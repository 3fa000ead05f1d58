// The Datasets view's own-dataset list: the graph on screen's file and the recent graphs' files, once each; recent
// entries without text or with text that is not a graph are skipped, never thrown on.
import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../shared/graph/types';
import { serializeGraph } from '../../../shared/graph/validate';
import type { RecentFile } from '../files/recent';
import { newGraph } from '../store/defaults';
import { userDatasetRefs } from './userDatasets';

function withDataset(id: string, path?: string): DatasetConfig {
  const d = structuredClone(newGraph().dataset);
  d.id = id;
  d.options = path === undefined ? {} : { path };
  return d;
}

function recentGraph(name: string, dataset: DatasetConfig): RecentFile {
  const g = newGraph();
  g.name = name;
  g.dataset = dataset;
  return { name: `${name}.layerlab.json`, path: null, content: serializeGraph(g), at: 1 };
}

describe('the user datasets the Datasets view lists', () => {
  it('the graph on screen first, then each recent graph with a dataset path, newest first, each file once', () => {
    const recent = [
      recentGraph('prices', withDataset('csv', '/data/prices.csv')),
      recentGraph('mnist', withDataset('mnist')), // no path: a built-in set, listed by the catalogue
      recentGraph('photos', withDataset('image-folder', '/data/photos')),
      recentGraph('again', withDataset('csv', '/data/house.csv')),
    ];
    expect(userDatasetRefs(withDataset('csv', '/data/house.csv'), recent)).toEqual([
      { datasetId: 'csv', path: '/data/house.csv' },
      { datasetId: 'csv', path: '/data/prices.csv' },
      { datasetId: 'image-folder', path: '/data/photos' },
    ]);
  });

  it('with no path on screen, the recent graphs alone', () => {
    expect(userDatasetRefs(withDataset('mnist'), [recentGraph('t', withDataset('char-text', 'corpus.txt'))])).toEqual([{ datasetId: 'char-text', path: 'corpus.txt' }]);
    expect(userDatasetRefs(withDataset('csv', '  '), [])).toEqual([]);
  });

  it('skips recent entries kept without text (too large) and text that is not a valid graph', () => {
    const good = recentGraph('good', withDataset('csv', '/data/ok.csv'));
    const recent: RecentFile[] = [
      { name: 'big.layerlab.json', path: '/x/big.layerlab.json', at: 2 },
      { name: 'broken.json', path: null, content: '{"nodes": [', at: 3 },
      { name: 'other.json', path: null, content: JSON.stringify({ dataset: { id: 'csv', options: { path: '/etc/passwd' } } }), at: 4 },
      good,
    ];
    expect(userDatasetRefs(withDataset('mnist'), recent)).toEqual([{ datasetId: 'csv', path: '/data/ok.csv' }]);
  });
});
