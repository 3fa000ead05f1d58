// The dataset-files store bound to the app's api client.
import { api } from '../api';
import { createDatasetFilesStore } from './datasetFilesStore';

export const useDatasetFiles = createDatasetFilesStore(api);
