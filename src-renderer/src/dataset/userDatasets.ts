// The user's own datasets the Datasets view lists: the one the graph on screen reads and those of the recent
// graphs (files/recent.ts keeps their text). Recent files are untrusted text: each is read through the graph
// validator and skipped when it does not parse; the host checks every ref again and reads a path only once the
// user allowed it.
import type { UserDatasetRef } from '../../../shared/api';
import type { DatasetConfig } from '../../../shared/graph/types';
import type { RecentFile } from '../files/recent';
import { readGraphText } from '../files/parse';
import { datasetPathOf } from './pathGrant';

function refOf(config: DatasetConfig): UserDatasetRef | null {
  const path = datasetPathOf(config).trim();
  return path === '' ? null : { datasetId: config.id, path };
}

/** The graph on screen's dataset first, then each recent graph's, newest first, each dataset file once. */
export function userDatasetRefs(current: DatasetConfig, recent: readonly RecentFile[]): UserDatasetRef[] {
  const refs: UserDatasetRef[] = [];
  const seen = new Set<string>();
  const add = (ref: UserDatasetRef | null) => {
    const key = ref && `${ref.datasetId}\n${ref.path}`;
    if (!ref || seen.has(key!)) return;
    seen.add(key!);
    refs.push(ref);
  };
  add(refOf(current));
  for (const file of recent) {
    if (!file.content) continue; // too large to keep: its dataset is listed once it is open again
    const parsed = readGraphText(file.content);
    if (parsed.ok) add(refOf(parsed.graph.dataset));
  }
  return refs;
}
