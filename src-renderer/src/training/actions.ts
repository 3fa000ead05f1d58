// Train / Stop from the header, the panel and Ctrl/Cmd+Enter.
import { useGraphStore, useTraining, useUi } from '../store/stores';
import { isActive } from './trainState';

export function startTraining(): void {
  const { graph, inference } = useGraphStore.getState();
  if (isActive(useTraining.getState().status)) return;
  if (inference.errors.length > 0) {
    const first = inference.errors[0];
    const where = first.nodeId ? ` (${first.nodeId})` : '';
    const more = inference.errors.length > 1 ? ` and ${inference.errors.length - 1} more` : '';
    useUi.getState().toast(`Fix the graph before training: ${first.message}${where}${more}`, 'error');
    if (first.nodeId) useGraphStore.getState().select(first.nodeId);
    return;
  }
  void useTraining.getState().start(graph);
}

export function stopTraining(): void {
  void useTraining.getState().stop();
}

export function toggleTraining(): void {
  if (isActive(useTraining.getState().status)) stopTraining();
  else startTraining();
}
