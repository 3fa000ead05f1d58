// Train / Stop from the header, the panel and Ctrl/Cmd+Enter. Before a run starts: the graph must have no
// errors (named as the canvas shows the node), and its training memory estimate must fit the machine
// (refused above the machine's memory, asked above half of it).
import { i18n } from '../../../shared/i18n/i18n';
import { messageText } from '../../../shared/i18n/layer-text';
import { nodeNameText } from '../../../shared/i18n/node-name-text';
import { useAppInfo, useGraphStore, useTraining, useUi } from '../store/stores';
import { useBottomPanel } from '../store/bottomPanelStore';
import { isActive } from './trainState';
import { memoryCheck } from './memoryCheck';
import { downloadNeeded } from '../dataset/datasetFilesStore';
import { useDatasetFiles } from '../dataset/useDatasetFiles';
import { usePreview } from '../dataset/usePreview';
import { downloadBytes, formatBytes, getDownloadable } from '../../../shared/data/downloads';

/** True when the graph's dataset must be downloaded first: then the dataset panel shows the offer instead of a run that would fail. */
async function datasetMissing(): Promise<boolean> {
  const needed = downloadNeeded(useGraphStore.getState().graph.dataset);
  if (!needed) return false;
  const statuses = await useDatasetFiles.getState().refresh().catch(() => null);
  if (!statuses?.some((s) => s.id === needed && !s.present)) return false;
  const set = getDownloadable(needed)!;
  useGraphStore.getState().select(null); // the graph settings hold the dataset section and its panel
  usePreview.getState().show();
  useUi.getState().toast(i18n.t('training:actions.datasetMissing', { name: set.name, size: formatBytes(downloadBytes(set)) }), 'error', 'train');
  return true;
}

export async function startTraining(): Promise<void> {
  const { graph, inference } = useGraphStore.getState();
  if (isActive(useTraining.getState().status)) return;
  if (inference.errors.length > 0) {
    const first = inference.errors[0];
    const where = first.nodeId ? ` (${nodeNameText(graph, first.nodeId)})` : '';
    const more = inference.errors.length > 1 ? i18n.t('training:actions.moreErrors', { count: inference.errors.length - 1 }) : '';
    useUi.getState().toast(i18n.t('training:actions.fixGraph', { error: `${messageText(first, first.message)}${where}`, more }), 'error', 'train');
    if (first.nodeId) useGraphStore.getState().select(first.nodeId);
    return;
  }
  const memory = memoryCheck(inference, graph.training, useAppInfo.getState().info?.memoryBytes);
  if (memory.verdict === 'too-large') {
    useUi.getState().showError(i18n.t('training:actions.tooLarge'), memory.message);
    return;
  }
  if (memory.verdict === 'tight' && !(await useUi.getState().ask(i18n.t('training:actions.askLarge'), memory.message, i18n.t('training:actions.trainAnyway')))) return;
  if (await datasetMissing()) return;
  // The graph may have changed while the question was open: train what is on screen now.
  if (isActive(useTraining.getState().status)) return;
  useBottomPanel.getState().setTab('live');
  void useTraining.getState().start(useGraphStore.getState().graph);
}

export function stopTraining(): void {
  void useTraining.getState().stop();
}

export function toggleTraining(): void {
  if (isActive(useTraining.getState().status)) stopTraining();
  else void startTraining();
}
