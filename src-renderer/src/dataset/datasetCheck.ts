// Whether the files a dataset's path option points at can really be read: the inspector's sample counts come
// from the catalogue (no file access in the renderer), so for user files it asks the host (describeDataset,
// read in the job worker) and shows what it found, or why it could not read them, instead of those counts.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { DatasetDescriptor, DatasetShapes } from '../../../shared/data/types';
import type { DatasetConfig } from '../../../shared/graph/types';
import { errorText } from '../../../shared/i18n/error-text';

export type DatasetCheck = { shapes: DatasetShapes; problem?: undefined } | { problem: string; shapes?: undefined };

/** Only datasets read from a path the user gives need a look at the files. */
export function needsFileCheck(desc: Pick<DatasetDescriptor, 'options'> | undefined): boolean {
  return !!desc?.options.some((o) => o.type === 'path');
}

/** What the host reads of the dataset's files: their real sizes, or the reason they cannot be read. */
export async function checkDatasetFiles(api: Pick<ApiClient, 'describeDataset'>, dataset: DatasetConfig): Promise<DatasetCheck> {
  try {
    return { shapes: await api.describeDataset({ dataset }) };
  } catch (err) {
    return { problem: errorText(err).replace(/^describeDataset: /, '') }; // the request's name means nothing to a learner
  }
}

/** The check of the current settings (null while there is none yet), redone a moment after they change. */
export function useDatasetCheck(api: Pick<ApiClient, 'describeDataset'>, dataset: DatasetConfig, desc: DatasetDescriptor | undefined): DatasetCheck | null {
  const key = JSON.stringify(dataset);
  const needed = needsFileCheck(desc);
  const [result, setResult] = useState<{ key: string; check: DatasetCheck } | null>(null);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    const timer = setTimeout(() => {
      void checkDatasetFiles(api, JSON.parse(key) as DatasetConfig).then((check) => {
        if (live) setResult({ key, check });
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key, needed]);
  return needed && result?.key === key ? result.check : null;
}
