// A node's name in the UI's language (or `lng`): the translated form of shared/graph/node-names.ts nodeName,
// which stays English for the CLI and logs. `article: false` drops English's leading "the" (legends, lists).
import { i18n } from './i18n';
import { layerText } from './layer-text';
import { nodeNaming } from '../graph/node-names';
import type { GraphFile } from '../graph/types';

export function nodeNameText(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeId: string, opts: { article?: boolean; lng?: string } = {}): string {
  const n = nodeNaming(graph, nodeId);
  const lng = opts.lng ? { lng: opts.lng } : {};
  if (n.form === 'missing') return i18n.t('training:nodeNames.missing', { ...lng, id: n.nodeId });
  const kind = layerText(n.kind, 'label', opts.lng);
  const what = n.isNode ? i18n.t('training:nodeNames.node', { ...lng, kind }) : i18n.t('training:nodeNames.layer', { ...lng, kind });
  if (n.form === 'numbered') return i18n.t('training:nodeNames.numbered', { ...lng, what, index: n.index, count: n.count });
  const name = n.form === 'labelled' ? i18n.t('training:nodeNames.labelled', { ...lng, what, label: n.label }) : what;
  return opts.article === false ? name : i18n.t('training:nodeNames.the', { ...lng, name });
}
