// Property-based fuzzing (fast-check) of the graph-file validator, the boundary every graph from outside crosses
// (opened files, the CLI, api payloads): random text, random JSON and mutations of every template (a value
// replaced, a key removed, text cut or spliced) must give a valid graph or a GraphFileError naming where, never
// another exception, a stack trace or a hang. What it accepts must round-trip, infer without throwing and hold
// only one-line text. Fixed seed and run counts: a failure reproduces and the suite's length is known.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferGraphFile } from '../infer';
import { TEMPLATES } from '../templates';
import { GraphFileError, parseGraphFile, serializeGraph } from './validate';
import { oneLineTextProblem } from './text';
import type { GraphFile } from './types';
import { getLayerDef } from '../layers';
import type { ParamSpec, ParamValue } from '../layers/types';
import { estimateTrainingMemory } from './memory';
import { applyJsonMutation, jsonMutation } from '../testing/json-mutations';

/** Fixed; FUZZ_SEED=N explores other inputs by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 1515);
const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

/** Parses `text`; passes when the graph is valid (and behaves) or the refusal is a clear GraphFileError. */
function clearOutcome(text: string): void {
  let graph: GraphFile;
  try {
    graph = parseGraphFile(text);
  } catch (err) {
    if (!(err instanceof GraphFileError)) throw new Error(`not a GraphFileError but ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(err.message.length).toBeLessThan(600);
    if (err.path) expect(err.message.startsWith(`${err.path}: `)).toBe(true);
    return;
  }
  expect(parseGraphFile(serializeGraph(graph))).toEqual(graph);
  expect(() => estimateTrainingMemory(inferGraphFile(graph), graph.training)).not.toThrow();
  for (const text of [graph.name, ...graph.nodes.flatMap((n) => [n.id, n.label ?? ''])]) expect(oneLineTextProblem(text)).toBeNull();
}

const TEMPLATE_TEXTS = TEMPLATES.map((t) => serializeGraph(t.graph));

describe('fuzz: graph file validator', () => {
  it('random text and random JSON are refused clearly (or, rarely, valid)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v))), (text) => {
        clearOutcome(text);
      }),
      params(500),
    );
  });

  it('templates with values replaced or removed anywhere give a valid graph or an error naming the field', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(jsonMutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const raw = JSON.parse(TEMPLATE_TEXTS[which % TEMPLATE_TEXTS.length]) as Record<string, unknown>;
        for (const m of mutations) applyJsonMutation(raw, m);
        clearOutcome(JSON.stringify(raw));
      }),
      params(800),
    );
  });

  it('any in-range parameter values: the graph is valid (inference reports problems without throwing) or refused clearly', () => {
    const valueFor = (spec: ParamSpec): fc.Arbitrary<ParamValue> => {
      switch (spec.type) {
        case 'int': return fc.integer({ min: spec.min ?? -(2 ** 31), max: spec.max ?? 2 ** 31 });
        case 'float': return fc.double({ min: spec.min ?? -1e9, max: spec.max ?? 1e9, noNaN: true, noDefaultInfinity: true });
        case 'bool': return fc.boolean();
        case 'enum': return fc.constantFrom(...spec.options);
        case 'string': return fc.constantFrom('x', 'y', 'tokens', 'é 字', 'a "quoted" #name');
        // a link to another node: unlinked, a node that may not exist, or a node of another kind
        case 'node': return fc.constantFrom('', 'tok_emb', 'no_such_node', 'input');
        case 'shape': {
          const dims = fc.array(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(1_000_000, 2 ** 31)), { minLength: spec.minLength ?? 0, maxLength: spec.maxLength ?? 5 });
          return spec.allowInferredDim ? fc.tuple(dims, fc.boolean()).map(([d, inferred]) => (inferred && d.length ? [-1, ...d.slice(1)] : d)) : dims;
        }
      }
    };
    const edit = fc.record({ node: fc.nat(), param: fc.nat(), seed: fc.nat() });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, edits) => {
        const graph = structuredClone(TEMPLATES[which % TEMPLATES.length].graph);
        for (const e of edits) {
          const node = graph.nodes[e.node % graph.nodes.length];
          const specs = Object.entries(getLayerDef(node.kind)!.params as Record<string, ParamSpec>);
          if (!specs.length) continue;
          const [key, spec] = specs[e.param % specs.length];
          node.params[key] = fc.sample(valueFor(spec), { seed: e.seed, numRuns: 1 })[0];
        }
        // Mostly accepted; a parameter that removes a handle (useInitialState off) orphans its edges, refused clearly.
        clearOutcome(serializeGraph(graph));
      }),
      params(300),
    );
  });

  it('template text cut, spliced or with bytes changed is refused clearly', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '1e999', '-', '0', 'null', ' ', '\n', 'x'), maxLength: 8 }) });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = TEMPLATE_TEXTS[which % TEMPLATE_TEXTS.length];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        clearOutcome(text);
      }),
      params(500),
    );
  });
});
