// A graph file is untrusted input: no text in it may become code in an exported script. Every free-text field
// of every test graph (name, description, labels, node and edge ids, dataset id and options, metrics, the
// Input/Output feature names, extras) is filled with payloads that try to end a comment, a string or a
// docstring (line breaks of every kind, quotes, triple quotes, backslashes, '#', NUL, f-string braces, bidi
// controls). Python's own parser then reads each generated script: it must parse, have exactly the syntax
// tree of the same graph with plain text (so nothing executable was added), and call nothing built from a
// payload. The tfjs export's JavaScript file must not depend on the graph at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import { dataShapesForGraph } from '../../../shared/infer';
import { getTemplate } from '../../../shared/templates';
import { KIND_GRAPHS } from '../testing/graphs';
import { ATTENTION_GRAPHS } from '../pytorch/attention/test-graphs';
import { anyPython } from '../testing/python';
import { generatePytorchScript } from '../pytorch/script';
import { generateKerasScript } from '../keras/script';
import { buildModel } from '../../engine/compile';
import { exportTfjsModel } from '../tfjs/export-tfjs';
import { CUSTOM_LAYERS_FILE } from '../tfjs/custom-layers';
import { pyComment, pyDocText, pyString } from './escape';

const MARK = 'LLPWN';
const RUN = (i: number) => `__import__("os").system("touch ${MARK}${i}")`;

/** Each tries a different way out of a comment, a "string", a """docstring""" or an f-string. */
export const INJECTION_PAYLOADS: string[] = [
  `x\n        ${RUN(1)}  #`,
  `x\r${RUN(2)}`,
  `x\r\n${RUN(3)}\n`,
  `"""\n${RUN(4)}\n"""`,
  `'''\n${RUN(5)}\n'''`,
  `x\\`,
  `x\\"; ${RUN(6)}; y = ("\\`,
  `"); ${RUN(7)}; ("`,
  `\\"""\n${RUN(8)}\n#`,
  `x\u2028${RUN(9)}`,
  `x\u2029${RUN(10)}`,
  `x\u0085${RUN(11)}`,
  `x\u000b${RUN(12)}\u000c${RUN(13)}\u001c`,
  `x\u0000${RUN(14)}`,
  `# {${RUN(15)}} {CONFIG}`,
  `x\u202e${RUN(16)}\u2066#\u2069`,
  `${'"'.repeat(7)}\n${RUN(17)}`,
];

/** `graph` with `payload` appended to or put into every free-text field; `shapes` renamed to match its features. */
function withPayload(graph: GraphFile, payload: string): { graph: GraphFile; shapes: DatasetShapes } {
  const base = dataShapesForGraph(graph)!;
  const id = (x: string) => `${x}${payload}`;
  const rename = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [id(k), v]));
  const shapes = { ...base, features: rename(base.features), targets: rename(base.targets) } as DatasetShapes;
  const nodes = graph.nodes.map((n) => {
    const params = { ...n.params };
    if (n.kind === 'Input') params.feature = id(String(params.feature ?? 'x'));
    if (n.kind === 'Output') params.target = id(String(params.target ?? 'y'));
    if (n.kind === 'Embedding') params.maskZero = true; // its warning names the node in the docstring
    return { ...n, id: id(n.id), label: `${n.kind}${payload}`, params };
  });
  const edges = graph.edges.map((e) => ({ ...e, id: id(e.id), source: id(e.source), target: id(e.target) }));
  return {
    shapes,
    graph: {
      ...graph,
      name: id(graph.name),
      description: `about${payload}`,
      nodes,
      edges,
      dataset: { ...graph.dataset, id: id(graph.dataset.id), options: { path: `/tmp/a${payload}.csv`, field: id('label') } },
      training: { ...graph.training, metrics: graph.training.metrics.map(id) },
      extras: { ...graph.extras, note: payload },
    },
  };
}

/**
 * Python side: parse both scripts, compare their syntax trees' node counts, look for calls built from a payload,
 * and check the graph's texts are string values in the script exactly as in the graph.
 */
const CHECKER = String.raw`
import ast, json, sys
from collections import Counter

def count(tree):
    return Counter(type(n).__name__ for n in ast.walk(tree))

problems, plain = [], {}
for case in json.load(sys.stdin):
    try:
        tree = ast.parse(case["script"])
    except SyntaxError as e:
        problems.append(f"{case['name']}: does not parse: {e}")
        continue
    if case["clean"] not in plain:
        plain[case["clean"]] = count(ast.parse(case["clean"]))
    have, want = count(tree), plain[case["clean"]]
    if have != want:
        diff = (have - want) + (want - have)
        problems.append(f"{case['name']}: syntax tree differs from the plain graph's: {dict(diff)}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            if func in ("__import__", "eval", "exec") or func.endswith(".system"):
                problems.append(f"{case['name']}: calls {func}")
        if isinstance(node, ast.Name) and node.id in ("__import__", "eval", "exec"):
            problems.append(f"{case['name']}: names {node.id}")
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    for text in case["data"]:
        if text not in strings:
            problems.append(f"{case['name']}: {text!r} is not kept as a string")
print(json.dumps(problems))
`;

const python = anyPython();
if (!python) console.warn('Skipping the Python parse of exported scripts with injected text: no python3 here.');

const GRAPHS = [getTemplate('mlp-mnist')!.graph, ...KIND_GRAPHS, ...ATTENTION_GRAPHS];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-injection-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('text from a graph file never becomes code in an export', () => {
  it('the escapes give back exactly the text in Python, on one line', () => {
    if (!python) return;
    const texts = [...INJECTION_PAYLOADS, 'plain', 'ünïcødé ✓ 𝔘 \u{1F600}', '\u{E0001}tag'];
    const src = texts.map((t) => `${pyString(t)}\n"""${pyDocText(t)}"""\n# ${pyComment(t)}`).join('\n');
    expect(src.split('\n').length).toBe(texts.length * 3);
    const r = spawnSync(python, ['-c', 'import ast, json, sys; print(json.dumps([n.value.value for n in ast.parse(sys.stdin.read()).body]))'], {
      input: src,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(texts.flatMap((t) => [t, t]));
  });

  it.skipIf(!python)('PyTorch and Keras scripts of every test graph parse to the same code as with plain text', () => {
    const cases: { name: string; script: string; clean: string; data: string[] }[] = [];
    for (const g of GRAPHS) {
      const plain = withPayload(g, '');
      const cleanTorch = generatePytorchScript(plain.graph, plain.shapes).script;
      const cleanKeras = generateKerasScript(plain.graph, plain.shapes).script;
      INJECTION_PAYLOADS.forEach((payload, i) => {
        const bad = withPayload(g, payload);
        const torch = generatePytorchScript(bad.graph, bad.shapes).script;
        const keras = generateKerasScript(bad.graph, bad.shapes).script;
        // The payloads must reach the script as data, so the check is not vacuous.
        const data = [bad.graph.name, bad.graph.dataset.id, ...bad.graph.training.metrics];
        cases.push({ name: `${g.name} payload ${i} pytorch`, script: torch, clean: cleanTorch, data });
        cases.push({ name: `${g.name} payload ${i} keras`, script: keras, clean: cleanKeras, data });
      });
    }
    const r = spawnSync(python!, ['-c', CHECKER], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('the tfjs export writes the same JavaScript whatever the graph says', async () => {
    await tf.setBackend('cpu');
    const g = getTemplate('mlp-mnist')!.graph;
    const written: string[] = [];
    for (const payload of ['', INJECTION_PAYLOADS[0], INJECTION_PAYLOADS[9]]) {
      const bad = withPayload(g, payload);
      const { model } = buildModel(bad.graph, tf, bad.shapes);
      const dir = path.join(tmp, `tfjs${written.length}`);
      await exportTfjsModel(model, dir);
      model.dispose();
      written.push(readFileSync(path.join(dir, CUSTOM_LAYERS_FILE), 'utf8'));
      // Layer names come from node ids with everything but [A-Za-z0-9_] replaced.
      const modelJson = readFileSync(path.join(dir, 'model.json'), 'utf8');
      expect(modelJson).not.toContain('__import__("os")');
      expect(() => JSON.parse(modelJson)).not.toThrow();
    }
    expect(new Set(written).size).toBe(1);
  });
});
