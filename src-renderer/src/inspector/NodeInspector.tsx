// The selected node: its parameters, what inference says about it, and the layer's help text.
import { Fragment } from 'react';
import { nodeView } from '../store/toFlow';
import { formatShape } from '../../../shared/layers/types';
import { formatCount } from '../../../shared/infer';
import { useGraphStore } from '../store/stores';
import { ParamEditor } from './ParamEditor';
import { TextField } from './fields';
import { RepeatedBlockSection } from '../editor/BlockPanels';
import { TopicHelpView } from './TopicHelpView';
import { HelpDiagram } from './HelpDiagram';
import { activationHelp, isActivationParam } from '../../../shared/training-help';
import { sensibleRangeQuestion } from '../../../shared/graph/sensible';
import type { ParamSpec } from '../../../shared/layers/types';
import { setParam as withParam } from '../store/graphOps';
import { inferWithDataset } from '../store/inference';
import { MemoryEstimateNote } from '../training/MemoryEstimateNote';
import { useLayerText } from '../layer-text/useLayerText';

/** The question before setting a number parameter: above its sensible range, or making this layer huge. */
function rangeQuestion(nodeId: string, key: string, spec: ParamSpec, layerLabel: string): (v: number) => string | null {
  return (after) => {
    const { graph, nodeById, inference } = useGraphStore.getState();
    const current = nodeById[nodeId]?.params[key];
    const before = typeof current === 'number' ? current : typeof spec.default === 'number' ? spec.default : 0;
    // Inference of the graph as it would be (arithmetic only, no weights): how big this layer becomes.
    const paramsAfter = inferWithDataset(withParam(graph, nodeId, key, after)).inference.nodes[nodeId]?.params;
    return sensibleRangeQuestion({ label: layerLabel, key, paramLabel: spec.label, before, after, paramsBefore: inference.nodes[nodeId]?.params, paramsAfter });
  };
}

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useGraphStore((s) => s.nodes.find((n) => n.id === nodeId));
  const label = useGraphStore((s) => s.graph.nodes.find((n) => n.id === nodeId)?.label ?? '');
  const setParam = useGraphStore((s) => s.setParam);
  const setLabel = useGraphStore((s) => s.setLabel);
  const applyFix = useGraphStore((s) => s.applyFix);
  const info = useGraphStore((s) => s.inference.nodes[nodeId]);
  const graphNode = useGraphStore((s) => s.nodeById[nodeId]);
  const text = useLayerText();
  if (!node || !graphNode) return null;
  const { def, params } = nodeView(graphNode);

  return (
    <div className="ll-inspector-body" data-testid="node-inspector" data-node={nodeId}>
      <header className="ll-inspector-head">
        <h2>{def ? text.layer(def.kind, 'label') : node.data.kind}</h2>
        <code className="ll-muted">{nodeId}</code>
      </header>
      {def && <p className="ll-muted ll-small">{text.layer(def.kind, 'summary')}</p>}

      <div className="ll-facts">
        <div>
          <span className="ll-muted">Parameters</span>
          <strong data-testid="inspector-params">{(info?.params ?? 0).toLocaleString('en-US')}</strong>
          {(info?.params ?? 0) >= 10_000 && <span className="ll-muted"> ({formatCount(info?.params ?? 0)})</span>}
        </div>
        <div>
          <span className="ll-muted">Output</span>
          <strong data-testid="inspector-shape">
            {info && info.outputs.length > 0 ? info.outputs.map((s) => (s ? formatShape(s) : '?')).join(' ') : '—'}
          </strong>
        </div>
      </div>

      {info?.error && (
        <div className="ll-error-box" role="alert" data-testid="inspector-error">
          {text.error(info.error)}
          {info.error.fixes.length > 0 && (
            <div className="ll-fixes">
              {info.error.fixes.map((f, i) => (
                <button key={i} type="button" className="ll-fix" onClick={() => applyFix(nodeId, f.action)}>
                  {text.fix(f)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {info?.notes?.map((_, i) => (
        <div key={i} className="ll-note-box">
          {text.note(info, i)}
        </div>
      ))}

      <MemoryEstimateNote onlyWhenTight />

      <RepeatedBlockSection nodeId={nodeId} />

      <section className="ll-section">
        <h3>Parameters</h3>
        <TextField
          label="Name"
          testId="label"
          help="Shown on the node instead of the layer kind."
          placeholder={def ? text.layer(def.kind, 'label') : node.data.kind}
          value={label}
          onCommit={(v) => setLabel(nodeId, v)}
        />
        {def ? (
          Object.entries(def.params).map(([key, spec]) => (
            <Fragment key={`${nodeId}:${key}`}>
              <ParamEditor
                name={key}
                spec={text.spec(def.kind, key, spec)}
                value={params[key]}
                onChange={(v) => setParam(nodeId, key, v)}
                question={rangeQuestion(nodeId, key, spec, `${def.label} layer`)}
              />
              {isActivationParam(key, spec) && <TopicHelpView helpFor={key} topic={activationHelp(String(params[key] ?? spec.default))} />}
            </Fragment>
          ))
        ) : (
          <p className="ll-error-text">Unknown layer kind '{node.data.kind}': this version of LayerLab cannot edit it.</p>
        )}
      </section>

      {def && (
        <section className="ll-section ll-help" data-testid="layer-help">
          <h3>How it works</h3>
          <div className="ll-formula">
            <span className="ll-muted">Computes</span>
            <code>{def.help.formula}</code>
          </div>
          <div className="ll-formula">
            <span className="ll-muted">Parameters</span>
            <code>{def.help.paramFormula}</code>
          </div>
          <p>{text.layer(def.kind, 'details')}</p>
          {def.help.diagram && <HelpDiagram name={def.help.diagram} />}
        </section>
      )}
    </div>
  );
}
