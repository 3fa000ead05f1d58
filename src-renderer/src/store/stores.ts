// App-wide store instances bound to the real api client.
import { api, useConnection } from '../api';
import { createTrainingStore } from './trainingStore';
import { createAppInfoStore } from './appInfoStore';
import { createRunsStore } from './runsStore';
import { createExperimentsStore } from './experimentsStore';
import { createTryStore } from '../try/tryStore';

export const useTraining = createTrainingStore(api);
export const useAppInfo = createAppInfoStore(api);
export const useRuns = createRunsStore(api);
export const useExperiments = createExperimentsStore(api);

// (Re)load host info whenever a connection comes up.
let lastStatus = useConnection.getState().status;
if (lastStatus === 'connected') void useAppInfo.getState().load();
useConnection.subscribe((s) => {
  if (s.status === 'connected' && lastStatus !== 'connected') void useAppInfo.getState().load();
  lastStatus = s.status;
});

export function isElectronHost(): boolean {
  return useAppInfo.getState().info?.host === 'electron' || (typeof window !== 'undefined' && Boolean(window.layerlab));
}

export { useGraphStore, selectedNodeId } from './graphStore';
export { useUi } from './uiStore';

// The Try panel (src-renderer/src/try): the run tried, its input and the model's answer.
export const useTry = createTryStore(api);
