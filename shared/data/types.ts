// What the renderer and inference know about datasets, without touching any file.
import type { Representation, LabelEncoding, Normalization } from '../graph/types';
import type { Shape } from '../layers/types';

export interface DatasetOptionSpec {
  key: string;
  label: string;
  type: 'int' | 'float' | 'bool' | 'string' | 'path' | 'enum';
  default: string | number | boolean;
  options?: string[];
  help: string;
}

/** A catalogue entry: one kind of dataset the app can load. */
export interface DatasetDescriptor {
  id: string;
  name: string;
  description: string;
  /** 'classification' (labels are classes) or 'regression' (labels are numbers or sequences). */
  task: 'classification' | 'regression' | 'sequence';
  representations: Representation[];
  defaultRepresentation: Representation;
  labelEncodings: LabelEncoding[];
  normalizations: Normalization[];
  options: DatasetOptionSpec[];
  /** True when it works with nothing downloaded or picked (bundled or generated). */
  offline: boolean;
  classNames?: string[];
}

/** Shapes the model must accept and produce for a dataset configuration (no batch dimension). */
export interface DatasetShapes {
  /** Model inputs by feature name; an Input node's `feature` param picks one ('x' is the usual). */
  features: Record<string, Shape>;
  /** Model targets by name; an Output node's `target` param picks one ('y' is the usual). */
  targets: Record<string, Shape>;
  numClasses?: number;
  trainSize?: number;
  testSize?: number;
}
