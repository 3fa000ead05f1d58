// Changing how many times a recorded block (graph.extras.blocks) repeats, after it was made. Growing copies
// the last repeat and chains each copy after the one before (applying the block's per-repeat formula for
// the new i); shrinking removes trailing repeats and rewires what followed to the new last exit.
// Pure: returns a new graph, with the block's entry in extras updated.
import type { GraphEdge, GraphFile, GraphNode } from './types';
import { newEdgeId, newNodeId } from './ids';
import { renameRefs } from './links';
import { blockShape, downstream, evalFormula, repeatedBlocks, updateBlock, type RepeatedBlock } from './repeat';

export const MIN_REPEATS = 1;
export const MAX_REPEATS = 64;

/** Null when `times` is an allowed repeat count, else what is wrong with it. */
export function repeatCountProblem(times: unknown): string | null {
  return typeof times === 'number' && Number.isInteger(times) && times >= MIN_REPEATS && times <= MAX_REPEATS
    ? null
    : `must be a whole number from ${MIN_REPEATS} to ${MAX_REPEATS}, got ${JSON.stringify(times)}`;
}

/** The recorded block, or an error naming the ids that do exist. */
export function findBlock(graph: Pick<GraphFile, 'nodes' | 'extras'>, blockId: string): RepeatedBlock {
  const blocks = repeatedBlocks(graph);
  const block = blocks.find((b) => b.id === blockId);
  if (block) return block;
  const known = blocks.map((b) => `'${b.id}'`).join(', ');
  throw new Error(`There is no repeated block '${blockId}' in the graph${known ? ` (blocks: ${known})` : ''}.`);
}

/** Horizontal distance between two repeats: as the block was laid out, else the block's width plus a gap. */
function repeatStep(graph: GraphFile, block: RepeatedBlock): number {
  const pos = new Map(graph.nodes.map((n) => [n.id, n.position]));
  if (block.repeats.length >= 2) {
    const d = pos.get(block.repeats[1][0])!.x - pos.get(block.repeats[0][0])!.x;
    if (d > 0) return d;
  }
  const xs = block.repeats[0].map((id) => pos.get(id)!.x);
  return Math.max(...xs) - Math.min(...xs) + 240;
}

function shift(nodes: GraphNode[], ids: Set<string>, dx: number): GraphNode[] {
  if (dx === 0 || ids.size === 0) return nodes;
  return nodes.map((n) => (ids.has(n.id) ? { ...n, position: { x: n.position.x + dx, y: n.position.y } } : n));
}

/**
 * How the last repeat is wired: the wires into it, its exit (the output that feeds the next repeat, or what
 * follows the block) and the wires from it onwards, plus side outputs: wires from its other nodes to the rest
 * of the graph (WaveNet's skip connections), which every new repeat makes too. A block of one repeat must
 * have a single way out (blockShape); with two or more, the exit is whatever repeat 0 feeds repeat 1 from.
 */
function lastRepeatShape(graph: GraphFile, block: RepeatedBlock): ReturnType<typeof blockShape> & { sides: GraphEdge[] } {
  const last = block.repeats[block.repeats.length - 1];
  if (block.repeats.length < 2) return { ...blockShape(graph, last), sides: [] };
  const first = new Set(block.repeats[0]);
  const second = new Set(block.repeats[1]);
  const link = graph.edges.find((e) => first.has(e.source) && second.has(e.target));
  if (!link) throw new Error(`Repeat 1 of block '${block.id}' no longer feeds repeat 2; the block was rewired by hand.`);
  const exitNode = last[block.repeats[0].indexOf(link.source)];
  const lastSet = new Set(last);
  const allBlock = new Set(block.repeats.flat());
  const prev = new Set(block.repeats[block.repeats.length - 2]);
  const entries = graph.edges.filter((e) => prev.has(e.source) && lastSet.has(e.target));
  const out = graph.edges.filter((e) => lastSet.has(e.source) && !allBlock.has(e.target));
  return {
    entries,
    exit: { node: exitNode, handle: link.sourceHandle },
    exits: out.filter((e) => e.source === exitNode && e.sourceHandle === link.sourceHandle),
    sides: out.filter((e) => !(e.source === exitNode && e.sourceHandle === link.sourceHandle)),
  };
}

function grow(graph: GraphFile, block: RepeatedBlock, times: number): { graph: GraphFile; repeats: string[][] } {
  const n = block.repeats.length;
  const last = block.repeats[n - 1];
  const lastSet = new Set(last);
  const { entries, exit, exits, sides } = lastRepeatShape(graph, block);
  const allBlock = new Set(block.repeats.flat());
  const step = repeatStep(graph, block);
  const lastNodes = last.map((id) => graph.nodes.find((x) => x.id === id)!);
  const internal = graph.edges.filter((e) => lastSet.has(e.source) && lastSet.has(e.target));
  const pr = block.perRepeat;
  const prIndex = pr ? block.repeats[0].indexOf(pr.nodeId) : -1;
  // Layers of the repeat that share the varying value (WaveNet's filter and gate convolutions: one dilation)
  // keep sharing it in the new repeats.
  const shared = pr ? lastNodes.map((x) => x.params[pr.param] !== undefined && x.params[pr.param] === lastNodes[prIndex].params[pr.param]) : [];
  // Evaluate every new value first so a formula that fails for a new i changes nothing.
  const values = pr ? Array.from({ length: times - n }, (_, k) => evalFormula(pr.formula, n + k)) : [];

  const after = downstream(graph.edges, last, allBlock);
  const nodes = shift(graph.nodes, after, step * (times - n));
  const edges: GraphEdge[] = graph.edges.filter((e) => !exits.includes(e));
  const takenNodes = graph.nodes.map((x) => x.id);
  const takenEdges = graph.edges.map((e) => e.id);
  const addEdge = (e: Omit<GraphEdge, 'id'>) => {
    const id = newEdgeId(e, takenEdges);
    takenEdges.push(id);
    edges.push({ id, ...e });
  };

  const repeats = block.repeats.map((r) => [...r]);
  let prevExit = exit;
  for (let k = 1; k <= times - n; k++) {
    const rename = new Map<string, string>();
    const copyIds: string[] = [];
    lastNodes.forEach((src, pos) => {
      const id = newNodeId(src.kind, takenNodes);
      takenNodes.push(id);
      rename.set(src.id, id);
      copyIds.push(id);
      const params = pos === prIndex || shared[pos] ? { ...src.params, [pr!.param]: values[k - 1] } : structuredClone(src.params);
      nodes.push({ ...structuredClone(src), id, params, position: { x: src.position.x + step * k, y: src.position.y } });
    });
    // A link inside the block (a head tied to the block's own Embedding) points to the copy's node.
    for (let j = nodes.length - copyIds.length; j < nodes.length; j++) nodes[j] = renameRefs(nodes[j], rename);
    for (const e of internal) addEdge({ source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: rename.get(e.target)!, targetHandle: e.targetHandle });
    for (const e of entries) addEdge({ source: prevExit.node, sourceHandle: prevExit.handle, target: rename.get(e.target)!, targetHandle: e.targetHandle });
    for (const e of sides) addEdge({ source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle });
    prevExit = { node: rename.get(exit.node)!, handle: exit.handle };
    repeats.push(copyIds);
  }
  for (const e of exits) addEdge({ source: prevExit.node, sourceHandle: prevExit.handle, target: e.target, targetHandle: e.targetHandle });
  return { graph: { ...graph, nodes, edges }, repeats };
}

function shrink(graph: GraphFile, block: RepeatedBlock, times: number): { graph: GraphFile; repeats: string[][] } {
  const n = block.repeats.length;
  const keepLast = new Set(block.repeats[times - 1]);
  const firstDropped = new Set(block.repeats[times]);
  const link = graph.edges.find((e) => keepLast.has(e.source) && firstDropped.has(e.target));
  if (!link) throw new Error(`Repeat ${times} of block '${block.id}' no longer feeds repeat ${times + 1}; the block was rewired by hand.`);
  const newExit = { node: link.source, handle: link.sourceHandle };
  const dropped = new Set(block.repeats.slice(times).flat());
  const oldLast = block.repeats[n - 1];
  const allBlock = new Set(block.repeats.flat());
  // What followed the block (wires out of the old last repeat to nodes outside the block).
  // (Only from the chain's exit: a side output such as a skip connection leaves with its repeat.)
  const oldExit = oldLast[block.repeats[times - 1].indexOf(link.source)];
  const onward = graph.edges.filter((e) => e.source === oldExit && !allBlock.has(e.target));
  const after = downstream(graph.edges, oldLast, allBlock);
  const step = repeatStep(graph, block);

  const nodes = shift(graph.nodes.filter((x) => !dropped.has(x.id)), after, -step * (n - times));
  const edges = graph.edges.filter((e) => !dropped.has(e.source) && !dropped.has(e.target));
  const takenEdges = edges.map((e) => e.id);
  for (const e of onward) {
    const wire = { source: newExit.node, sourceHandle: newExit.handle, target: e.target, targetHandle: e.targetHandle };
    const id = newEdgeId(wire, takenEdges);
    takenEdges.push(id);
    edges.push({ id, ...wire });
  }
  return { graph: { ...graph, nodes, edges }, repeats: block.repeats.slice(0, times) };
}

/**
 * The graph with block `blockId` repeated `times` times in all (the original included, 1 to 64).
 * Throws with a message naming the block or the count when that cannot be done.
 */
export function setRepeatCount(graph: GraphFile, blockId: string, times: number): GraphFile {
  const problem = repeatCountProblem(times);
  if (problem) throw new Error(`Repeat count of block '${blockId}' ${problem}.`);
  const block = findBlock(graph, blockId);
  const n = block.repeats.length;
  if (times === n) return graph;
  const r = times > n ? grow(graph, block, times) : shrink(graph, block, times);
  return updateBlock(r.graph, blockId, (b) => ({ ...b, repeats: r.repeats }));
}
