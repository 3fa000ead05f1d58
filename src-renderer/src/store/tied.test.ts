// Weight tying and GPT presets in the editor: a block count edit or a preset changes the node label, the header
// total and the description figures together (one undo step); the tied head's size error is fixed in one click;
// copies keep their links; the canvas draws a link that is not a wire.
import { beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATES, getTemplate } from '../../../shared/templates';
import { applyPreset } from '../../../shared/templates/presets';
import { useGraphStore } from './graphStore';
import { nodeView } from './toFlow';
import { copyNodes, pasteNodes } from './editOps';
import { tieFlowEdges } from '../canvas/TieEdge';

const gpt2 = () => structuredClone(TEMPLATES.find((t) => t.id === 'gpt-2')!.graph);
const label = (id: string) => useGraphStore.getState().graph.nodes.find((n) => n.id === id)!.label;

beforeEach(() => useGraphStore.getState().load(gpt2(), null));

describe('GPT-2 in the editor', () => {
  it('opens with the published XL count in the header and the tied head counting nothing', () => {
    const s = useGraphStore.getState();
    expect(s.inference.totalParams).toBe(1_557_611_200);
    expect(s.inference.nodes.lm_head.params).toBe(0);
    expect(label('decoder')).toBe('48 x decoder block');
    expect(nodeView(s.nodeById.lm_head).summary).toBe('tied to token_embedding · softmax');
  });

  it('editing the block count updates the label, the total and the description; undo restores all three', () => {
    useGraphStore.getState().setParam('decoder', 'layers', 12);
    const s = useGraphStore.getState();
    expect(label('decoder')).toBe('12 x decoder block');
    const total = s.inference.totalParams;
    expect(total).toBe(1_557_611_200 - 36 * s.inference.nodes.decoder.params / 12);
    expect(s.graph.description).toContain('GPT-2 XL (edited): 12 decoder blocks, d = 1600');
    expect(s.graph.description).toContain(`${total.toLocaleString('en-US')} parameters.`);
    expect(s.graph.description).not.toContain('published');
    s.undo();
    const back = useGraphStore.getState();
    expect(label('decoder')).toBe('48 x decoder block');
    expect(back.inference.totalParams).toBe(1_557_611_200);
    expect(back.graph.description).toContain('1,557,611,200 parameters (published: 1.5B (1,558M))');
  });

  it('a preset sets every size at once, as one undo step', () => {
    useGraphStore.getState().edit((g) => applyPreset(g, 'gpt-2-small'));
    const s = useGraphStore.getState();
    expect(s.inference.totalParams).toBe(124_439_808);
    expect(s.graph.name).toBe('GPT-2 small');
    expect(label('decoder')).toBe('12 x decoder block');
    expect(s.graph.description).toContain('124,439,808 parameters (published: 124M)');
    expect(s.past).toHaveLength(1);
    useGraphStore.getState().edit((g) => applyPreset(g, 'gpt-2-medium'));
    expect(useGraphStore.getState().inference.totalParams).toBe(354_823_168);
    useGraphStore.getState().edit((g) => applyPreset(g, 'gpt-2-large'));
    expect(useGraphStore.getState().inference.totalParams).toBe(774_030_080);
  });

  it('the canvas link joins the Embedding and the head and is not one of the graph\'s wires', () => {
    const { graph } = useGraphStore.getState();
    const ties = tieFlowEdges(graph);
    expect(ties).toHaveLength(1);
    expect(ties[0]).toMatchObject({ type: 'tie', source: 'token_embedding', target: 'lm_head', selectable: false, deletable: false, data: { label: 'tied weights' } });
    expect(graph.edges.some((e) => e.id === ties[0].id || (e.source === 'token_embedding' && e.target === 'lm_head'))).toBe(false);
    expect(useGraphStore.getState().edges.some((e) => e.id === ties[0].id)).toBe(false);
  });
});

describe('the tied tiny GPT in the editor', () => {
  beforeEach(() => useGraphStore.getState().load(structuredClone(getTemplate('char-gpt')!.graph), null));

  it('a head input of the wrong size shows an error whose fix makes the graph fit', () => {
    useGraphStore.getState().setParam('token_embedding', 'outputDim', 48);
    let s = useGraphStore.getState();
    // Positions and blocks follow the 48-wide embedding, so the head now gets 48 features from the decoder...
    expect(s.inference.errors).toEqual([]);
    // ...but a block that projects elsewhere breaks the tie's shape: put a Dense 32 before the head.
    s.addNode('Dense', { x: 0, y: 300 });
    s = useGraphStore.getState();
    const dense = s.graph.nodes[s.graph.nodes.length - 1].id;
    s.setParam(dense, 'units', 32);
    s.edit((g) => ({
      ...g,
      edges: [
        ...g.edges.filter((e) => e.target !== 'lm_head'),
        { id: 'e_dec-dense', source: 'decoder', sourceHandle: 'out', target: dense, targetHandle: 'in' },
        { id: 'e_dense-head', source: dense, sourceHandle: 'out', target: 'lm_head', targetHandle: 'in' },
      ],
    }));
    s = useGraphStore.getState();
    const error = s.inference.nodes.lm_head.error!;
    expect(error.message).toContain('its input needs 48 features');
    expect(error.fixes.map((f) => f.label)).toEqual(["Set token_embedding's vector size to 32", 'Insert Dense 48 before it']);
    s.applyFix('lm_head', error.fixes[1].action);
    expect(useGraphStore.getState().inference.errors).toEqual([]);
    useGraphStore.getState().undo();
    useGraphStore.getState().applyFix('lm_head', error.fixes[0].action);
    expect(useGraphStore.getState().inference.errors).toEqual([]);
  });

  it('a pasted head keeps its link: to the pasted Embedding when copied with it, else to the original', () => {
    const { graph } = useGraphStore.getState();
    const both = pasteNodes(graph, copyNodes(graph, ['token_embedding', 'lm_head']), { x: 0, y: 400 });
    const [emb2, head2] = both.ids;
    expect(both.graph.nodes.find((n) => n.id === head2)!.params.tiedTo).toBe(emb2);
    const alone = pasteNodes(graph, copyNodes(graph, ['lm_head']), { x: 0, y: 400 });
    expect(alone.graph.nodes.find((n) => n.id === alone.ids[0])!.params.tiedTo).toBe('token_embedding');
  });

  it('deleting the Embedding leaves the head with an error and nothing else broken', () => {
    useGraphStore.getState().deleteElements(['token_embedding'], []);
    const s = useGraphStore.getState();
    expect(s.inference.nodes.lm_head.error?.message).toBe(
      "Tied Dense's 'Tied to' names 'token_embedding', which is not in the graph (deleted?): choose another Embedding. There is none in the graph: add one first.",
    );
    expect(tieFlowEdges(s.graph)).toEqual([]);
  });
});
