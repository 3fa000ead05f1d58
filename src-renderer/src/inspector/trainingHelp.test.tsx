// Every training setting, optimizer, loss, schedule and layer activation the inspector offers shows help.
// The panels are rendered to HTML as the app renders them, and the choices are read from the rendered
// <select>s, so a new option or field without help fails here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../../../shared/i18n/i18n';
import type { TrainingConfig } from '../../../shared/graph/types';
import { ALL_LAYERS } from '../../../shared/layers';
import { TEMPLATES } from '../../../shared/templates';

// No host in a unit test: these panels only read stores. Event subscriptions do nothing; requests never answer.
vi.mock('../api', async () => {
  const { useConnection } = await import('../api/connection');
  const api = new Proxy({}, { get: (_t, name) => (String(name).startsWith('on') ? () => () => undefined : () => new Promise(() => undefined)) });
  return { api, useConnection };
});

const { GraphSettings } = await import('./GraphSettings');
const { NodeInspector } = await import('./NodeInspector');
const { useGraphStore } = await import('../store/graphStore');
const { useAppInfo } = await import('../store/stores');

/**
 * A server render reads a zustand store's initial state (useSyncExternalStore's server snapshot), so copy the
 * current state into it before rendering.
 */
function html(element: React.ReactElement): string {
  Object.assign(useGraphStore.getInitialState(), useGraphStore.getState());
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

const mlp = () => structuredClone(TEMPLATES.find((t) => t.id === 'mlp-mnist')!.graph);

function settingsMarkup(patch: Partial<TrainingConfig> = {}): string {
  useGraphStore.getState().setTraining(patch);
  const markup = html(<GraphSettings />);
  const start = markup.indexOf('data-testid="training-settings"');
  expect(start, 'the training section is rendered').toBeGreaterThan(0);
  return markup.slice(start);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The values of the <option>s of the select with data-testid `param-<testId>`. */
function selectOptions(html: string, testId: string): string[] {
  const m = new RegExp(`data-testid="param-${escapeRe(testId)}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  expect(m, `select ${testId} is rendered`).not.toBeNull();
  return [...m![1].matchAll(/<option value="([^"]*)"/g)].map((o) => o[1]);
}

/** The text of the help block for `id`, or null; a block must hold a title, a formula and two paragraphs. */
function topicHelp(html: string, id: string): string | null {
  const m = new RegExp(`<details[^>]*data-help-for="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</details>`).exec(html);
  if (!m) return null;
  const body = m[1];
  const summary = /<summary>([^<]+)<\/summary>/.exec(body)?.[1].trim() ?? '';
  const formula = /class="ll-topic-formula">([^<]+)</.exec(body)?.[1].trim() ?? '';
  const paragraphs = [...body.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => p[1].replace(/<[^>]+>/g, '').trim());
  if (!summary || !formula || paragraphs.length !== 2 || paragraphs.some((p) => p.length < 20)) return null;
  return `${summary}\n${formula}\n${paragraphs.join('\n')}`;
}

/** Field ids rendered in `html` (data-testid="field-<id>"). */
function fieldIds(html: string): string[] {
  return [...html.matchAll(/data-testid="field-([^"]+)"/g)].map((m) => m[1]);
}

/** A field has help when a help block names it or its own markup has a help line. */
function fieldHasHelp(html: string, id: string): boolean {
  if (topicHelp(html, id)) return true;
  const start = html.indexOf(`data-testid="field-${id}"`);
  const next = html.indexOf('data-testid="field-', start + 1);
  const own = html.slice(start, next < 0 ? undefined : next);
  return /class="ll-field-help">[^<]{10,}</.test(own);
}

beforeEach(() => useGraphStore.getState().load(mlp(), null));

describe('help next to every training setting', () => {
  for (const [select, field] of [
    ['optimizer', 'optimizer'],
    ['loss', 'loss'],
    ['lrSchedule', 'lrSchedule'],
  ] as const) {
    it(`every offered ${select} has its own help`, () => {
      const options = selectOptions(settingsMarkup(), select);
      expect(options.length).toBeGreaterThan(2);
      const texts = new Set<string>();
      for (const value of options) {
        const patch: Partial<TrainingConfig> =
          select === 'lrSchedule' ? { lrSchedule: value === 'none' ? undefined : { type: value as never } } : { [field]: value };
        const text = topicHelp(settingsMarkup(patch), select);
        expect(text, `help for ${select} '${value}'`).not.toBeNull();
        texts.add(text!);
      }
      // One text per option, not one text for all.
      expect(texts.size).toBe(options.length);
    });
  }

  it('every field of the training sections has help, whatever sections are open', () => {
    const seen = new Set<string>();
    for (const optimizer of ['momentum', 'adamw'] as const) {
      for (const type of ['none', 'step', 'exponential', 'cosine', 'plateau'] as const) {
        const html = settingsMarkup({
          optimizer,
          lrSchedule: type === 'none' ? undefined : { type },
          earlyStopping: { monitor: 'val_loss', patience: 3 },
          gradientClip: { clipNorm: 1, clipValue: 0.5 },
        });
        for (const id of fieldIds(html)) {
          expect(fieldHasHelp(html, id), `help for the field '${id}' (optimizer ${optimizer}, schedule ${type})`).toBe(true);
          seen.add(id);
        }
      }
    }
    // The loop above saw every kind of field (it would pass vacuously on an empty panel).
    for (const id of ['optimizer', 'learningRate', 'momentum', 'weightDecay', 'batchSize', 'epochs', 'loss', 'backend', 'trainSeed',
      'lrSchedule', 'lrStepEpochs', 'lrGamma', 'lrMin', 'lrPatience', 'lrFactor', 'earlyStopping', 'esMonitor', 'esPatience',
      'esMinDelta', 'esRestoreBest', 'gradientClip', 'clipNorm', 'clipValue']) {
      expect(seen, id).toContain(id);
    }
  });

  it('the PyTorch engine\'s fields have help too (device, Python, torchrun layout)', () => {
    const html = settingsMarkup({ engine: 'pytorch', pytorch: { procsPerNode: 2, nodes: 2, rendezvous: '10.0.0.5:29500' } });
    const ids = fieldIds(html);
    expect(ids).toEqual(expect.arrayContaining(['engine', 'torchDevice', 'torchPython', 'torchProcs', 'torchNodes', 'torchRendezvous']));
    expect(ids).not.toContain('backend'); // TensorFlow.js's backend does not train a PyTorch run
    for (const id of ids) expect(fieldHasHelp(html, id), `help for the field '${id}' (PyTorch engine)`).toBe(true);
    expect(topicHelp(html, 'engine')).toMatch(/hands the\s+trained weights back/);
  });

  it('where PyTorch is not offered, the reason shows with the Python field to point at another Python', () => {
    const reason = "No Python on this computer cannot run PyTorch (python3: cannot import torch (No module named 'torch')).";
    useAppInfo.setState({ engines: { pytorch: { available: false, python: null, source: 'search', pythonSetting: null, cudaDevices: [], summary: '', reason, warnings: [] } } });
    Object.assign(useAppInfo.getInitialState(), useAppInfo.getState());
    try {
      const html = settingsMarkup({ engine: undefined });
      expect(html).toMatch(/data-testid="engine-status" data-state="missing"/);
      expect(html).toContain('cannot import torch');
      expect(fieldIds(html)).toEqual(expect.arrayContaining(['engine', 'torchPython', 'backend']));
      expect(fieldIds(html)).not.toContain('torchDevice'); // the rest of PyTorch's settings wait until it is chosen
    } finally {
      useAppInfo.setState({ engines: null });
      Object.assign(useAppInfo.getInitialState(), useAppInfo.getState());
    }
  });

  it('the main settings have full help: formula, intuition and when to use', () => {
    const html = settingsMarkup({ optimizer: 'momentum', earlyStopping: { monitor: 'val_loss', patience: 3 }, gradientClip: { clipNorm: 1 } });
    for (const id of ['learningRate', 'batchSize', 'epochs', 'momentum', 'trainSeed', 'earlyStopping', 'gradientClip', 'backend', 'engine']) {
      expect(topicHelp(html, id), id).not.toBeNull();
    }
    expect(topicHelp(settingsMarkup({ optimizer: 'adamw' }), 'weightDecay')).not.toBeNull();
    // The point the course needs made: clipping is for exploding gradients, not vanishing ones.
    expect(topicHelp(html, 'gradientClip')).toMatch(/EXPLODING[\s\S]*nothing for VANISHING/);
  });
});

describe('help next to every activation choice of a layer', () => {
  const kinds = ALL_LAYERS.filter((d) => Object.entries(d.params).some(([k, s]) => s.type === 'enum' && /activation/i.test(k)));

  it('covers the layers that choose an activation', () => {
    expect(kinds.map((d) => d.kind)).toEqual(expect.arrayContaining(['Dense', 'Conv2D', 'Conv1D', 'SimpleRNN', 'LSTM', 'GRU', 'Activation', 'TimeDistributed', 'TransformerEncoderBlock']));
  });

  for (const def of kinds) {
    it(`${def.kind}: every offered activation has help`, () => {
      const id = useGraphStore.getState().addNode(def.kind, { x: 0, y: 0 });
      const render = () => html(<NodeInspector nodeId={id} />);
      for (const [key, spec] of Object.entries(def.params)) {
        if (!(spec.type === 'enum' && /activation/i.test(key))) continue;
        const options = selectOptions(render(), key);
        expect(options).toEqual([...spec.options]);
        for (const value of options) {
          useGraphStore.getState().setParam(id, key, value);
          expect(topicHelp(render(), key), `${def.kind}.${key} = ${value}`).not.toBeNull();
        }
      }
    });
  }
});

describe('normalisation help', () => {
  it('BatchNormalization and LayerNormalization draw which axes they normalise', () => {
    for (const kind of ['BatchNormalization', 'LayerNormalization']) {
      const id = useGraphStore.getState().addNode(kind, { x: 0, y: 0 });
      const markup = html(<NodeInspector nodeId={id} />);
      expect(markup, kind).toContain('data-testid="diagram-normalization-axes"');
      expect((markup.match(/class="ll-diagram-cell marked"/g) ?? []).length, kind).toBeGreaterThan(0);
    }
    const bn = ALL_LAYERS.find((d) => d.kind === 'BatchNormalization')!;
    expect(bn.help.formula).toContain('moving_mean = momentum * moving_mean + (1 - momentum) * batch_mean');
  });
});
