// The Lesson tab: the template's explanation, the formulas of the layers the graph uses (each a link to the
// layer's help in the inspector) and "what to try next" as steps to tick. Text and ticks live in the graph
// (extras.lesson), so they are saved with the file.
import './lesson.css';
import { useMemo } from 'react';
import { lessonOf } from '../../../shared/graph/lesson';
import { useGraphStore } from '../store/stores';
import { layersUsed } from './layersUsed';
import { openGallery } from '../templates/galleryStore';
import { useLayerText } from '../layer-text/useLayerText';

/** Selects the node and brings the inspector's "How it works" section into view. */
function showLayerHelp(nodeId: string): void {
  useGraphStore.getState().select(nodeId);
  requestAnimationFrame(() => document.querySelector('[data-testid="layer-help"]')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
}

function Formulas() {
  const nodes = useGraphStore((s) => s.graph.nodes);
  const edges = useGraphStore((s) => s.graph.edges);
  const uses = useMemo(() => layersUsed({ nodes, edges }), [nodes, edges]);
  const text = useLayerText();
  return (
    <section className="ll-lesson-formulas" data-testid="lesson-formulas">
      <h4>The layers it uses</h4>
      {uses.length === 0 ? (
        <p className="ll-muted ll-small">No layers yet: drag some from the palette.</p>
      ) : (
        <dl>
          {uses.map((u) => (
            <div key={u.def.kind}>
              <dt>
                <button type="button" className="ll-link" data-testid={`lesson-layer-${u.def.kind}`} title={`Select ${u.nodeId} and show how ${u.def.label} works`} onClick={() => showLayerHelp(u.nodeId)}>
                  {text.layer(u.def.kind, 'label')}
                </button>
                {u.count > 1 && <span className="ll-muted"> ×{u.count}</span>}
              </dt>
              <dd>
                <code>{u.def.help.formula}</code>
                <div className="ll-muted ll-small" title="How its parameters are counted">
                  parameters: <code>{u.def.help.paramFormula}</code>
                </div>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function LessonPanel() {
  const raw = useGraphStore((s) => s.graph.extras?.lesson);
  const lesson = useMemo(() => lessonOf({ extras: { lesson: raw } }), [raw]);
  const setStep = useGraphStore((s) => s.setLessonStep);
  if (!lesson) {
    return (
      <div className="ll-lesson" data-testid="lesson-panel" data-has-lesson="false">
        <section className="ll-lesson-text">
          <p className="ll-muted">
            This graph has no lesson. Templates come with one: what the model shows, and what to try next.
          </p>
          <button type="button" className="ll-btn ll-btn-small" onClick={openGallery}>
            Browse templates…
          </button>
        </section>
        <Formulas />
      </div>
    );
  }
  const done = lesson.steps.filter((s) => s.done).length;
  return (
    <div className="ll-lesson" data-testid="lesson-panel" data-has-lesson="true">
      <section className="ll-lesson-text">
        <h3 data-testid="lesson-title">{lesson.title}</h3>
        <p data-testid="lesson-explanation">{lesson.explanation}</p>
      </section>
      <Formulas />
      <section className="ll-lesson-steps" data-testid="lesson-steps">
        <h4>
          Try next <span className="ll-muted">({done} of {lesson.steps.length} done)</span>
        </h4>
        <ul>
          {lesson.steps.map((s, i) => (
            <li key={i} className={s.done ? 'done' : ''}>
              <label>
                <input type="checkbox" checked={s.done} data-testid={`lesson-step-${i}`} onChange={(e) => setStep(i, e.target.checked)} />
                <span>{s.text}</span>
              </label>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
