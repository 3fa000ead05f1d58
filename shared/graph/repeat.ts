// "Repeat a block": the selected nodes form a block with one way in and one way out; it is copied N-1 times
// and chained (copy k feeds from copy k-1's exit), and a numeric parameter can change per repeat through
// a small formula in i (0 for the original block), e.g. dilation 2^i for WaveNet. Pure, returns a new graph.
import type { GraphEdge, GraphFile, GraphNode } from './types';
import { newEdgeId, newNodeId } from './ids';
import { renameRefs } from './links';

export interface PerRepeatParam {
  /** A node of the block (its copies get the value too). */
  nodeId: string;
  param: string;
  /** Formula in i, e.g. "2^i", "16 * (i + 1)"; numbers, i, + - * / ^ and parentheses. */
  formula: string;
}

export interface RepeatRequest {
  nodeIds: string[];
  /** Total number of blocks after the edit, the original included (>= 2). */
  times: number;
  perRepeat?: PerRepeatParam;
}

/** Evaluates a formula in `i` (only numbers, i, + - * / ^ and parentheses); throws naming the problem. */
export function evalFormula(formula: string, i: number): number {
  const tokens = formula.match(/\d+(?:\.\d+)?|[i()+\-*/^]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];
  const fail = (msg: string): never => {
    throw new Error(`Formula "${formula}": ${msg}`);
  };
  // expr := term (('+'|'-') term)* ; term := power (('*'|'/') power)* ; power := unary ('^' power)? ;
  // unary := '-' unary | atom ; atom := number | 'i' | '(' expr ')'
  const atom = (): number => {
    const t = take();
    if (t === undefined) return fail('ends too early');
    if (t === 'i') return i;
    if (t === '(') {
      const v = expr();
      if (take() !== ')') fail('a ")" is missing');
      return v;
    }
    if (/^\d/.test(t)) return Number(t);
    return fail(`unexpected "${t}" (use numbers, i, + - * / ^ and parentheses)`);
  };
  const unary = (): number => (peek() === '-' ? (take(), -unary()) : atom());
  const power = (): number => {
    const base = unary();
    if (peek() !== '^') return base;
    take();
    return base ** power();
  };
  const term = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') v = take() === '*' ? v * power() : v / power();
    return v;
  };
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + term() : v - term();
    return v;
  };
  if (tokens.length === 0) fail('it is empty');
  const value = expr();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]}"`);
  if (!Number.isFinite(value)) fail(`gives ${value} for i = ${i}`);
  return value;
}

interface BlockShape {
  /** Wires from outside into the block, all from the same output. */
  entries: GraphEdge[];
  /** The one output (node and handle) that carries the block's result. */
  exit: { node: string; handle: string };
  /** Wires from the exit to the rest of the graph. */
  exits: GraphEdge[];
}

/** Checks the block has one way in and one way out; throws with what is wrong. */
export function blockShape(graph: Pick<GraphFile, 'nodes' | 'edges'>, nodeIds: string[]): BlockShape {
  const inBlock = new Set(nodeIds);
  if (inBlock.size === 0) throw new Error('Select the layers that form the block first.');
  for (const id of inBlock) if (!graph.nodes.some((n) => n.id === id)) throw new Error(`Unknown node '${id}'.`);
  if (graph.nodes.some((n) => inBlock.has(n.id) && (n.kind === 'Input' || n.kind === 'Output'))) {
    throw new Error('A repeated block cannot contain an Input or Output node.');
  }
  const entries = graph.edges.filter((e) => !inBlock.has(e.source) && inBlock.has(e.target));
  const sources = new Set(entries.map((e) => `${e.source}\u0000${e.sourceHandle}`));
  if (sources.size !== 1) {
    throw new Error(
      sources.size === 0
        ? 'The block needs one wire coming in from outside (connect the layer before it).'
        : `The block is fed from ${sources.size} different outputs; a repeated block needs exactly one input.`,
    );
  }
  const exits = graph.edges.filter((e) => inBlock.has(e.source) && !inBlock.has(e.target));
  const outs = new Set(exits.map((e) => `${e.source}\u0000${e.sourceHandle}`));
  if (outs.size > 1) throw new Error(`The block sends ${outs.size} different outputs onwards; a repeated block needs exactly one.`);
  let exit: BlockShape['exit'];
  if (exits.length > 0) {
    exit = { node: exits[0].source, handle: exits[0].sourceHandle };
  } else {
    // Nothing after the block yet: its one node without a wire to another block node is the exit.
    const sinks = [...inBlock].filter((id) => !graph.edges.some((e) => e.source === id && inBlock.has(e.target)));
    if (sinks.length !== 1) throw new Error('The block has several last layers; wire them together (e.g. with Add) first.');
    exit = { node: sinks[0], handle: 'out' };
  }
  return { entries, exit, exits };
}

/** Nodes reachable downstream from `start` (excluded), to shift them right and make room. */
export function downstream(edges: GraphEdge[], start: string[], stop: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of edges) {
      if (e.source !== id || stop.has(e.target) || seen.has(e.target)) continue;
      seen.add(e.target);
      stack.push(e.target);
    }
  }
  return seen;
}

/**
 * Chains `times` copies of the block. Returns the new graph and the node ids of every repeat (index 0 is
 * the original block), in block order.
 */
export function repeatBlock(graph: GraphFile, req: RepeatRequest): { graph: GraphFile; repeats: string[][] } {
  const times = Math.floor(req.times);
  if (!(times >= 2 && times <= 64)) throw new Error('Repeat between 2 and 64 times.');
  const { entries, exit, exits } = blockShape(graph, req.nodeIds);
  const inBlock = new Set(req.nodeIds);
  const blockNodes = graph.nodes.filter((n) => inBlock.has(n.id));
  const internal = graph.edges.filter((e) => inBlock.has(e.source) && inBlock.has(e.target));
  const pr = req.perRepeat;
  if (pr && !inBlock.has(pr.nodeId)) throw new Error(`'${pr.nodeId}' is not part of the block.`);
  const values = pr ? Array.from({ length: times }, (_, i) => evalFormula(pr.formula, i)) : [];

  const minX = Math.min(...blockNodes.map((n) => n.position.x));
  const maxX = Math.max(...blockNodes.map((n) => n.position.x));
  const step = maxX - minX + 240;

  const takenNodes = graph.nodes.map((n) => n.id);
  const takenEdges = graph.edges.map((e) => e.id);
  const nodes: GraphNode[] = graph.nodes.map((n) => {
    if (pr && n.id === pr.nodeId) return { ...n, params: { ...n.params, [pr.param]: values[0] } };
    return n;
  });
  // Make room: everything after the block moves right by the added width.
  const after = downstream(graph.edges, [...inBlock], inBlock);
  for (let k = 0; k < nodes.length; k++) {
    if (after.has(nodes[k].id)) nodes[k] = { ...nodes[k], position: { x: nodes[k].position.x + step * (times - 1), y: nodes[k].position.y } };
  }
  let edges: GraphEdge[] = graph.edges.filter((e) => !exits.includes(e));
  const addEdge = (e: Omit<GraphEdge, 'id'>) => {
    const id = newEdgeId(e, takenEdges);
    takenEdges.push(id);
    edges.push({ id, ...e });
  };

  const repeats: string[][] = [blockNodes.map((n) => n.id)];
  let prevExit = exit;
  for (let k = 1; k < times; k++) {
    const rename = new Map<string, string>();
    for (const n of blockNodes) {
      const id = newNodeId(n.kind, takenNodes);
      takenNodes.push(id);
      rename.set(n.id, id);
      const params = pr && n.id === pr.nodeId ? { ...n.params, [pr.param]: values[k] } : structuredClone(n.params);
      const copy: GraphNode = { ...structuredClone(n), id, params, position: { x: n.position.x + step * k, y: n.position.y } };
      nodes.push(copy);
    }
    // A link inside the block (a head tied to the block's own Embedding) points to the copy's node.
    for (let j = nodes.length - blockNodes.length; j < nodes.length; j++) nodes[j] = renameRefs(nodes[j], rename);
    for (const e of internal) addEdge({ source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: rename.get(e.target)!, targetHandle: e.targetHandle });
    for (const e of entries) addEdge({ source: prevExit.node, sourceHandle: prevExit.handle, target: rename.get(e.target)!, targetHandle: e.targetHandle });
    prevExit = { node: rename.get(exit.node)!, handle: exit.handle };
    repeats.push(blockNodes.map((n) => rename.get(n.id)!));
  }
  // What followed the original block now follows the last copy.
  for (const e of exits) addEdge({ source: prevExit.node, sourceHandle: prevExit.handle, target: e.target, targetHandle: e.targetHandle });
  edges = [...edges];
  return { graph: { ...graph, nodes, edges }, repeats };
}

/** A repeated block remembered in graph.extras.blocks, so the canvas can show it collapsed and its count can change. */
export interface RepeatedBlock {
  id: string;
  label: string;
  /** Node ids of every repeat, index 0 the original, each in the same block order. */
  repeats: string[][];
  /** The parameter that changes per repeat (nodeId is the node in repeat 0); absent in older files. */
  perRepeat?: PerRepeatParam;
  /** Shown collapsed on the canvas (saved with the file); absent = expanded. */
  collapsed?: boolean;
}

const isIdList = (r: unknown): r is string[] => Array.isArray(r) && r.every((id) => typeof id === 'string');

function isBlock(v: unknown): v is RepeatedBlock {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as RepeatedBlock;
  return typeof b.id === 'string' && typeof b.label === 'string' && Array.isArray(b.repeats) && b.repeats.every(isIdList);
}

function isPerRepeat(v: unknown): v is PerRepeatParam {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as PerRepeatParam;
  return typeof p.nodeId === 'string' && typeof p.param === 'string' && typeof p.formula === 'string';
}

/** The block with malformed optional fields dropped (a hand-edited file must not break the canvas). */
function normalized(b: RepeatedBlock): RepeatedBlock {
  const out: RepeatedBlock = { id: b.id, label: b.label, repeats: b.repeats };
  if (isPerRepeat(b.perRepeat) && b.repeats[0].includes(b.perRepeat.nodeId)) out.perRepeat = b.perRepeat;
  if (b.collapsed === true) out.collapsed = true;
  return out;
}

/**
 * Recorded blocks whose nodes all still exist (a block the user has since taken apart is ignored).
 * A block may be down to one repeat (its count was lowered to 1); it is still a block.
 */
export function repeatedBlocks(graph: Pick<GraphFile, 'nodes' | 'extras'>): RepeatedBlock[] {
  const raw = graph.extras?.blocks;
  if (!Array.isArray(raw)) return [];
  const ids = new Set(graph.nodes.map((n) => n.id));
  return raw
    .filter(isBlock)
    .filter((b) => b.repeats.length >= 1 && b.repeats.every((r) => r.length > 0 && r.length === b.repeats[0].length && r.every((id) => ids.has(id))))
    .map(normalized);
}

/** Records a repeated block in extras (kept in the file). `label` names the block without its count. */
export function recordBlock(graph: GraphFile, repeats: string[][], label: string, opts: { perRepeat?: PerRepeatParam } = {}): GraphFile {
  const existing = Array.isArray(graph.extras?.blocks) ? (graph.extras!.blocks as unknown[]) : [];
  const taken = new Set(existing.filter(isBlock).map((b) => b.id));
  let n = 1;
  while (taken.has(`block_${n}`)) n++;
  const block: RepeatedBlock = { id: `block_${n}`, label, repeats };
  if (opts.perRepeat) block.perRepeat = opts.perRepeat;
  return { ...graph, extras: { ...graph.extras, blocks: [...existing, block] } };
}

/** Rewrites one recorded block (by id) in extras, leaving every other entry as it was. */
export function updateBlock(graph: GraphFile, blockId: string, fn: (b: RepeatedBlock) => RepeatedBlock): GraphFile {
  const raw = graph.extras?.blocks;
  if (!Array.isArray(raw)) return graph;
  let changed = false;
  const blocks = raw.map((b: unknown) => {
    if (!isBlock(b) || b.id !== blockId) return b;
    changed = true;
    return fn(b);
  });
  return changed ? { ...graph, extras: { ...graph.extras, blocks } } : graph;
}

/** Shows the block collapsed or expanded; the state is kept in the file. */
export function setBlockCollapsed(graph: GraphFile, blockId: string, collapsed: boolean): GraphFile {
  return updateBlock(graph, blockId, (b) => {
    const next: RepeatedBlock = { ...b };
    if (collapsed) next.collapsed = true;
    else delete next.collapsed;
    return next;
  });
}

/** The recorded block that contains this node (in any repeat), or undefined. */
export function blockOfNode(graph: Pick<GraphFile, 'nodes' | 'extras'>, nodeId: string): RepeatedBlock | undefined {
  return repeatedBlocks(graph).find((b) => b.repeats.some((r) => r.includes(nodeId)));
}

/** "Conv1D ×4" from older files: the label without a trailing count. */
export function blockName(b: Pick<RepeatedBlock, 'label'>): string {
  return b.label.replace(/\s*×\d+$/, '');
}
