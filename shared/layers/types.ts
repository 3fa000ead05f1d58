// The contract every layer kind implements: one file per kind under shared/layers/<category>/.
// Pure TypeScript: no Node, DOM, React or tfjs imports here.
import { englishMessage, type LayerMessage, type LayerMessageId, type MessageValues } from './messages';

/** One dimension: a size, or null when it is not known until run time (e.g. sequence length). */
export type Dim = number | null;
/** A tensor shape WITHOUT the batch dimension, e.g. [784] or [28, 28, 1]. */
export type Shape = Dim[];

/** What flows through a handle; the canvas colours handles by kind. */
export type HandleKind = 'tensor' | 'sequence' | 'state';

export interface HandleSpec {
  /** Stable id used in graph edges (sourceHandle / targetHandle). */
  id: string;
  label: string;
  kind: HandleKind;
  /** An optional input may stay unconnected (e.g. an LSTM's initial state). */
  optional?: boolean;
  /** Accepts several edges (e.g. Add, Concatenate); shapes arrive in edge order. */
  multiple?: boolean;
}

interface ParamBase {
  label: string;
  help: string;
}
export interface IntParam extends ParamBase {
  type: 'int';
  default: number;
  min?: number;
  max?: number;
}
export interface FloatParam extends ParamBase {
  type: 'float';
  default: number;
  min?: number;
  max?: number;
  /** Suggest a log-scale slider / sweep. */
  log?: boolean;
}
export interface BoolParam extends ParamBase {
  type: 'bool';
  default: boolean;
}
export interface EnumParam extends ParamBase {
  type: 'enum';
  options: readonly string[];
  default: string;
}
/** A list of positive integers, edited as "28, 28, 1". */
export interface ShapeParam extends ParamBase {
  type: 'shape';
  default: number[];
  /** Allowed number of entries. */
  minLength?: number;
  maxLength?: number;
  /** One entry may be -1, meaning "whatever size makes the element count fit" (Reshape). */
  allowInferredDim?: boolean;
}
export interface StringParam extends ParamBase {
  type: 'string';
  default: string;
}
/**
 * Another node of the graph, stored as its id (e.g. the Embedding a tied output head reuses). It is a link,
 * not a wire: no tensor flows along it, but the linked node is built first and its parameters reach `infer`.
 * The canvas draws it as a dashed line labelled `link`.
 */
export interface NodeRefParam extends ParamBase {
  type: 'node';
  /** Layer kinds the linked node may have. */
  kinds: readonly string[];
  /** '' = not linked yet. */
  default: '';
  /** What the link means, shown on the canvas next to the dashed line, e.g. 'shared weights'. */
  link: string;
}
export type ParamSpec = IntParam | FloatParam | BoolParam | EnumParam | ShapeParam | StringParam | NodeRefParam;
export type ParamValue = number | boolean | string | number[];
export type ParamValues = Record<string, ParamValue>;

/** A one-click repair the UI can offer next to an error. */
export type FixAction =
  /** Insert a new node of `kind` on the edge that feeds input handle `handle` of the node in error. */
  | { type: 'insertBefore'; handle: string; kind: string; params?: ParamValues }
  /** Set a parameter on a node (default: the node in error). */
  | { type: 'setParam'; nodeId?: string; param: string; value: ParamValue }
  /** Change the dataset settings (e.g. representation 'matrix'). */
  | { type: 'setDataset'; patch: Record<string, unknown> };

export interface Fix {
  label: string;
  /** The label as a catalogue message, for showing it in the chosen language (messages.ts). */
  text?: LayerMessage;
  action: FixAction;
}

/** Thrown by `infer` when the inputs or parameters do not fit; message says what and why. */
export class ShapeError extends Error {
  constructor(
    message: string,
    public readonly fixes: Fix[] = [],
    /** The message as a catalogue message (messages.ts); absent: English only. */
    public readonly text?: LayerMessage,
  ) {
    super(message);
    this.name = 'ShapeError';
  }

  /** A ShapeError whose message is the catalogue message `id` with `values`. */
  static of(id: LayerMessageId, values: MessageValues, fixes: Fix[] = []): ShapeError {
    const text = { id, values };
    return new ShapeError(englishMessage(text), fixes, text);
  }
}

/** A node another node links to through a NodeRefParam, as its `infer` sees it. */
export interface LinkedNode {
  id: string;
  kind: string;
  /** The node's label, or its id. */
  title: string;
  /** Complete (defaults filled in). */
  params: ParamValues;
}

/** The linked node of every NodeRefParam, by parameter name; inference checks the link exists and has a right kind first. */
export type LinkedNodes = Record<string, LinkedNode>;

export interface InferResult {
  /** One shape per output handle, in the order of `outputs`. */
  outputs: Shape[];
  /** Number of weights (trainable + non-trainable), exactly what tfjs countParams() reports. */
  params: number;
  /** Optional extra facts to show on the node (e.g. "receptive field 16"). */
  notes?: string[];
  /** `notes` as catalogue messages, index for index (messageNotes), to show them in the chosen language. */
  noteTexts?: LayerMessage[];
  /**
   * Values per sample the layer keeps for the backward pass besides its outputs (attention scores, gate
   * activations, a block's inner activations), for the memory estimate; unknown steps count as 1.
   */
  workingElements?: number;
}

export type LayerCategory =
  | 'Input / Output'
  | 'Core'
  | 'Normalization'
  | 'Convolution'
  | 'Pooling'
  | 'Recurrent'
  | 'Attention'
  | 'Transformer'
  | 'Merge'
  | 'Embedding';

export interface LayerHelp {
  /** What the layer computes, plain text with simple math, e.g. "y = f(W x + b)". */
  formula: string;
  /** How the parameter count is derived, e.g. "units * (inputs + 1)". */
  paramFormula: string;
  /** A few sentences for students: when to use it, what the parameters do. */
  details: string;
  /** A picture the inspector draws under the text (a name the renderer knows, not markup). */
  diagram?: HelpDiagramName;
}

/** Pictures the inspector can draw next to a layer's help. */
export type HelpDiagramName = 'normalization-axes';

export interface LayerDef<P extends ParamValues = ParamValues> {
  /** Unique id stored in graph files, e.g. 'Dense'. Never rename: files depend on it. */
  kind: string;
  /** Palette name. */
  label: string;
  category: LayerCategory;
  /** One line under the name in the palette. */
  summary: string;
  help: LayerHelp;
  params: { [K in keyof P]: ParamSpec };
  inputs: HandleSpec[] | ((params: P) => HandleSpec[]);
  outputs: HandleSpec[] | ((params: P) => HandleSpec[]);
  /**
   * The int parameter that says how many stacked copies the node stands for (a Transformer block's
   * `layers`): a node label starting with "N x" follows it when it changes ("12 x decoder block").
   */
  countParam?: keyof P & string;
  /**
   * Shape inference and parameter count. `inputs[i]` holds the shapes of the edges connected to input
   * handle i (empty when unconnected, several when `multiple`). Throws ShapeError when they do not fit.
   * `links` holds the node each NodeRefParam points to (resolved and kind-checked by graph inference;
   * absent when a layer is inferred on its own).
   * Must never allocate weights: counts come from arithmetic.
   */
  infer(inputs: Shape[][], params: P, links?: LinkedNodes): InferResult;
}

/** Helper so each layer file is type-checked against its own parameter type. */
export function defineLayer<P extends ParamValues>(def: LayerDef<P>): LayerDef<P> {
  return def;
}

export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}
