// Graph files: every kind of bad file is rejected with a message and a path; good files round-trip.
import { describe, expect, it } from 'vitest';
import { GraphFileError, parseGraphFile, serializeGraph } from './validate';
import { emptyGraph } from './defaults';
import { GRAPH_VERSION, type GraphFile } from './types';
import { TEMPLATES } from '../templates';

/** A small graph touching optional fields and a merge layer with two incoming edges. */
function sampleGraph(): GraphFile {
  const g = emptyGraph('two branches');
  g.description = 'for tests';
  g.nodes = [
    { id: 'in', kind: 'Input', params: { shape: [20] }, position: { x: 0, y: 0 } },
    { id: 'a', kind: 'Dense', params: { units: 8, activation: 'tanh' }, position: { x: 200, y: -60 }, label: 'left' },
    { id: 'b', kind: 'Dropout', params: { rate: 0.25 }, position: { x: 200, y: 60 } },
    { id: 'cat', kind: 'Concatenate', params: {}, position: { x: 400, y: 0 } },
    { id: 'r', kind: 'Reshape', params: { targetShape: [-1, 4] }, position: { x: 600, y: 0 } },
    { id: 'out', kind: 'Output', params: { target: 'y' }, position: { x: 800, y: 0.5 } },
  ];
  g.edges = [
    { id: 'e1', source: 'in', sourceHandle: 'out', target: 'a', targetHandle: 'in' },
    { id: 'e2', source: 'in', sourceHandle: 'out', target: 'b', targetHandle: 'in' },
    { id: 'e3', source: 'a', sourceHandle: 'out', target: 'cat', targetHandle: 'in' },
    { id: 'e4', source: 'b', sourceHandle: 'out', target: 'cat', targetHandle: 'in' },
    { id: 'e5', source: 'cat', sourceHandle: 'out', target: 'r', targetHandle: 'in' },
    { id: 'e6', source: 'r', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
  ];
  g.dataset.options = { path: '/tmp/x.csv', header: true };
  g.training = { ...g.training, optimizer: 'momentum', momentum: 0.9, seed: 7 };
  g.extras = { viewport: { x: 1, y: 2, zoom: 0.8 } };
  return g;
}

/** The sample graph as JSON after `edit` changes the raw object. */
function edited(edit: (raw: any) => void): string {
  const raw = JSON.parse(serializeGraph(sampleGraph()));
  edit(raw);
  return JSON.stringify(raw, null, 2);
}

function rejection(text: string): GraphFileError {
  try {
    parseGraphFile(text);
  } catch (err) {
    if (err instanceof GraphFileError) return err;
    throw err;
  }
  throw new Error('file was accepted');
}

describe('valid files', () => {
  it('round-trip through serialize and parse unchanged', () => {
    const g = sampleGraph();
    const text = serializeGraph(g);
    const back = parseGraphFile(text);
    expect(back).toEqual(g);
    expect(serializeGraph(back)).toBe(text);
  });

  it('serialize is stable: 2-space indent, trailing newline, key order independent of insertion order', () => {
    const g = sampleGraph();
    const text = serializeGraph(g);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "layerlab-graph",');
    const shuffled = { ...g, nodes: g.nodes.map((n) => ({ position: n.position, params: Object.fromEntries(Object.entries(n.params).reverse()), kind: n.kind, id: n.id, ...(n.label ? { label: n.label } : {}) })) };
    expect(serializeGraph(shuffled as GraphFile)).toBe(text);
  });

  it('accept a byte-order mark and missing params', () => {
    const text = edited((raw) => delete raw.nodes[3].params);
    expect(parseGraphFile(`\uFEFF${text}`).nodes[3].params).toEqual({});
  });

  it('accept nodes without positions (placed at the origin; the app lays such a file out when it opens it)', () => {
    const text = edited((raw) => raw.nodes.forEach((n: { position?: unknown }) => delete n.position));
    expect(parseGraphFile(text).nodes.map((n) => n.position)).toEqual(Array(6).fill({ x: 0, y: 0 }));
  });

  it('the MLP template validates', () => {
    for (const t of TEMPLATES) expect(parseGraphFile(serializeGraph(t.graph))).toEqual(t.graph);
  });
});

describe('bad files', () => {
  const cases: { name: string; text: string; path: string; message: RegExp }[] = [
    { name: 'empty', text: '  \n', path: '', message: /file is empty/ },
    { name: 'not JSON, trailing comma', text: '{\n  "format": "layerlab-graph",\n}', path: '', message: /not valid JSON: a trailing comma before '}' at line 3, column 1/ },
    { name: 'not JSON, cut off', text: '{\n  "format": "layer', path: '', message: /not valid JSON: the text ends too early .* at line 2, column 19/ },
    { name: 'not JSON, bare word', text: '{\n  "a": 1,\n  "b": nope\n}', path: '', message: /unexpected "n" at line 3, column 8/ },
    { name: 'a JSON array', text: '[1, 2]', path: '', message: /not a LayerLab graph file \(it is a JSON array/ },
    { name: 'package.json', text: '{"name": "x", "version": "1.0.0", "scripts": {}, "dependencies": {}}', path: '', message: /not a LayerLab graph file \(it looks like an npm package\.json/ },
    { name: 'tfjs model.json', text: '{"modelTopology": {}, "weightsManifest": []}', path: '', message: /it looks like a TensorFlow\.js model\.json/ },
    { name: 'foreign format', text: '{"format": "onnx-json", "version": 1}', path: 'format', message: /its format is 'onnx-json', expected 'layerlab-graph'/ },
    { name: 'newer version', text: edited((r) => (r.version = GRAPH_VERSION + 1)), path: 'version', message: /saved by a newer LayerLab \(graph version 2\); this version reads up to 1/ },
    { name: 'bad version', text: edited((r) => (r.version = '1')), path: 'version', message: /whole number from 1 to 1, got "1"/ },
    { name: 'unknown kind', text: edited((r) => (r.nodes[1].kind = 'Dens')), path: 'nodes[1].kind', message: /unknown layer kind 'Dens' \(did you mean 'Dense'\?\)/ },
    { name: 'unknown kind, wrong case', text: edited((r) => (r.nodes[1].kind = 'dense')), path: 'nodes[1].kind', message: /did you mean 'Dense'/ },
    { name: 'unknown kind, nothing close', text: edited((r) => (r.nodes[1].kind = 'Wormhole')), path: 'nodes[1].kind', message: /^nodes\[1\]\.kind: unknown layer kind 'Wormhole'$/ },
    { name: 'param wrong type', text: edited((r) => (r.nodes[1].params.units = '8')), path: 'nodes[1].params.units', message: /must be a number, got "8"/ },
    { name: 'param not whole', text: edited((r) => (r.nodes[1].params.units = 8.5)), path: 'nodes[1].params.units', message: /whole number, got 8\.5/ },
    { name: 'param out of range', text: edited((r) => (r.nodes[2].params.rate = 1.5)), path: 'nodes[2].params.rate', message: /at most 0\.95, got 1\.5/ },
    { name: 'param below range', text: edited((r) => (r.nodes[1].params.units = 0)), path: 'nodes[1].params.units', message: /at least 1, got 0/ },
    { name: 'enum typo', text: edited((r) => (r.nodes[1].params.activation = 'relu6x')), path: 'nodes[1].params.activation', message: /one of linear, relu.*got "relu6x" \(did you mean 'relu6'\?\)/ },
    { name: 'bool as string', text: edited((r) => (r.nodes[1].params.useBias = 'yes')), path: 'nodes[1].params.useBias', message: /true or false/ },
    { name: 'unknown param', text: edited((r) => (r.nodes[1].params.unit = 3)), path: 'nodes[1].params.unit', message: /Dense has no parameter 'unit' \(did you mean 'units'\?\)/ },
    { name: 'bad shape entry', text: edited((r) => (r.nodes[0].params.shape = [28, 0])), path: 'nodes[0].params.shape', message: /at least 1, got 0 in \[28,0\]/ },
    { name: '-1 where not allowed', text: edited((r) => (r.nodes[0].params.shape = [-1])), path: 'nodes[0].params.shape', message: /at least 1, got -1/ },
    { name: 'two -1 in Reshape', text: edited((r) => (r.nodes[4].params.targetShape = [-1, -1])), path: 'nodes[4].params.targetShape', message: /only one size can be -1/ },
    { name: 'string param', text: edited((r) => (r.nodes[5].params.target = 5)), path: 'nodes[5].params.target', message: /must be a string, got 5/ },
    { name: 'bad position', text: edited((r) => (r.nodes[2].position = { x: 1 })), path: 'nodes[2].position', message: /must be \{"x": number, "y": number\}, got \{"x":1\}/ },
    { name: 'duplicate node id', text: edited((r) => (r.nodes[2].id = 'a')), path: 'nodes[2].id', message: /duplicate node id 'a' \(also used by nodes\[1\]\)/ },
    { name: 'duplicate edge id', text: edited((r) => (r.edges[3].id = 'e1')), path: 'edges[3].id', message: /duplicate edge id 'e1'/ },
    { name: 'edge to missing node', text: edited((r) => (r.edges[5].target = 'gone')), path: 'edges[5].target', message: /points to node 'gone', which is not in the graph/ },
    { name: 'edge from missing node', text: edited((r) => (r.edges[0].source = 'nowhere')), path: 'edges[0].source', message: /node 'nowhere'/ },
    { name: 'edge from missing handle', text: edited((r) => (r.edges[0].sourceHandle = 'state')), path: 'edges[0].sourceHandle', message: /Input node 'in' has no output 'state' \(its outputs: 'out'\)/ },
    { name: 'edge into missing handle', text: edited((r) => (r.edges[0].targetHandle = 'x')), path: 'edges[0].targetHandle', message: /Dense node 'a' has no input 'x' \(its inputs: 'in'\)/ },
    { name: 'edge out of an Output', text: edited((r) => r.edges.push({ id: 'e9', source: 'out', sourceHandle: 'out', target: 'r', targetHandle: 'in' })), path: 'edges[6].sourceHandle', message: /it has no outputs/ },
    { name: 'two edges into a single input', text: edited((r) => r.edges.push({ id: 'e9', source: 'a', sourceHandle: 'out', target: 'r', targetHandle: 'in' })), path: 'edges[6]', message: /input 'in' of Reshape node 'r' takes one edge but edges\[4\] already feeds it/ },
    { name: 'dataset missing', text: edited((r) => delete r.dataset), path: 'dataset', message: /dataset settings object, got nothing/ },
    { name: 'dataset representation', text: edited((r) => (r.dataset.representation = 'images')), path: 'dataset.representation', message: /one of vector, matrix, image, sequence; got "images" \(did you mean 'image'\?\)/ },
    { name: 'validation split too big', text: edited((r) => (r.dataset.validationSplit = 0.9)), path: 'dataset.validationSplit', message: /at most 0\.5, got 0\.9/ },
    { name: 'negative limit', text: edited((r) => (r.dataset.limit = -5)), path: 'dataset.limit', message: /at least 0, got -5/ },
    { name: 'dataset option object', text: edited((r) => (r.dataset.options.path = { a: 1 })), path: 'dataset.options.path', message: /string, number or true\/false/ },
    { name: 'zero epochs', text: edited((r) => (r.training.epochs = 0)), path: 'training.epochs', message: /at least 1, got 0/ },
    { name: 'fractional batch size', text: edited((r) => (r.training.batchSize = 12.5)), path: 'training.batchSize', message: /whole number, got 12\.5/ },
    { name: 'learning rate 0', text: edited((r) => (r.training.learningRate = 0)), path: 'training.learningRate', message: /greater than 0, got 0/ },
    { name: 'loss alias', text: edited((r) => (r.training.loss = 'mse')), path: 'training.loss', message: /one of categoricalCrossentropy/ },
    { name: 'optimizer typo', text: edited((r) => (r.training.optimizer = 'Adam')), path: 'training.optimizer', message: /did you mean 'adam'/ },
    { name: 'metrics not a list', text: edited((r) => (r.training.metrics = 'accuracy')), path: 'training.metrics', message: /list of strings/ },
    { name: 'backend', text: edited((r) => (r.training.backend = 'gpu')), path: 'training.backend', message: /one of auto, tensorflow, wasm, cpu/ },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const err = rejection(c.text);
      expect(err.path).toBe(c.path);
      expect(err.message).toMatch(c.message);
      if (c.path) expect(err.message.startsWith(`${c.path}: `)).toBe(true);
    });
  }
});

describe('text that could hide code or a second line is refused, naming the node and the character', () => {
  // The attack: a shared file whose label ends the '# label' comment in an exported script.
  const attack = 'x\n        __import__("os").system("touch pwned")  #';
  const cases: { name: string; text: string; path: string; message: RegExp }[] = [
    { name: 'label with a line break', text: edited((r) => (r.nodes[1].label = attack)), path: 'nodes[1].label', message: /the label of node 'a' contains a line break \(\\n\) at character 2; it must be one line of visible text/ },
    { name: 'label with a carriage return', text: edited((r) => (r.nodes[1].label = 'a\rb')), path: 'nodes[1].label', message: /carriage return \(\\r\) at character 2/ },
    { name: 'label with U+2028', text: edited((r) => (r.nodes[2].label = 'ab\u2028c')), path: 'nodes[2].label', message: /node 'b' contains a line separator \(U\+2028\) at character 3/ },
    { name: 'label with U+2029', text: edited((r) => (r.nodes[2].label = '\u2029')), path: 'nodes[2].label', message: /paragraph separator \(U\+2029\) at character 1/ },
    { name: 'label with U+0085', text: edited((r) => (r.nodes[2].label = 'é\u0085')), path: 'nodes[2].label', message: /next-line character \(U\+0085\) at character 2/ },
    { name: 'label with NUL', text: edited((r) => (r.nodes[2].label = 'a\u0000')), path: 'nodes[2].label', message: /a NUL character at character 2/ },
    { name: 'label with an escape sequence', text: edited((r) => (r.nodes[2].label = '\u001b[2J')), path: 'nodes[2].label', message: /an invisible control character \(U\+001B\) at character 1/ },
    { name: 'label with a bidi override', text: edited((r) => (r.nodes[2].label = 'a\u202eb')), path: 'nodes[2].label', message: /a bidirectional text control \(U\+202E\) at character 2/ },
    { name: 'graph name', text: edited((r) => (r.name = 'n\nx')), path: 'name', message: /the graph name contains a line break/ },
    { name: 'description with a NUL', text: edited((r) => (r.description = 'two\nlines\u0000')), path: 'description', message: /the description contains a NUL character at character 10; only line breaks and tabs are allowed/ },
    { name: 'node id', text: edited((r) => (r.nodes[0].id = 'in\n')), path: 'nodes[0].id', message: /the node id "in\\n" contains a line break/ },
    { name: 'edge id', text: edited((r) => (r.edges[0].id = 'e\u2028')), path: 'edges[0].id', message: /the edge's id contains a line separator/ },
    { name: 'string parameter', text: edited((r) => (r.nodes[5].params.target = 'y\n#')), path: 'nodes[5].params.target', message: /the Output parameter 'target' contains a line break/ },
    { name: 'dataset id', text: edited((r) => (r.dataset.id = 'mnist\r')), path: 'dataset.id', message: /'id' contains a carriage return/ },
    { name: 'dataset option', text: edited((r) => (r.dataset.options.path = '/tmp/a\n.csv')), path: 'dataset.options.path', message: /the dataset option 'path' contains a line break/ },
    { name: 'metric', text: edited((r) => (r.training.metrics = ['accuracy', 'a\u0085'])), path: 'training.metrics[1]', message: /'metrics' entry 2 contains a next-line character/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = rejection(c.text);
      expect(err.path).toBe(c.path);
      expect(err.message).toMatch(c.message);
    });
  }

  it('a description keeps its line breaks and tabs; labels keep any visible text', () => {
    const g = parseGraphFile(edited((r) => {
      r.description = 'line one\r\nline two\n\tindented';
      r.nodes[1].label = 'Dense # "quoted" \'\'\' \\ ünï 한국어 👩‍💻';
    }));
    expect(g.description).toBe('line one\r\nline two\n\tindented');
    expect(g.nodes[1].label).toBe('Dense # "quoted" \'\'\' \\ ünï 한국어 👩‍💻');
  });
});
