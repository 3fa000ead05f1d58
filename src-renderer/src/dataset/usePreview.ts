// The dataset panel's store bound to the app's api client.
import { api } from '../api';
import { createPreviewStore } from './previewStore';

export const usePreview = createPreviewStore(api);
