// CSV tables: a header row, then one sample per row. Numeric columns are used as they are
// (standardised with training statistics when asked), text columns are one-hot encoded (categories in
// sorted order). A text label column (or labelType 'class') makes it classification, a numeric one
// regression. A fixed-seed 20% of the rows is the test set. Missing and malformed cells are errors
// naming the row and the column: nothing is guessed or silently dropped.
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { optionValue, splitSizes } from '../../shared/data/catalog';
import { permutation } from '../../shared/data/random';
import type { DatasetSplit, LoadContext, LoadedDataset } from './types';
import { DatasetError } from './errors';
import { floatTensor, labelTensor } from './tensors';
import { detectDelimiter, parseCsvStream, type CsvRow } from './csvRows';
import { datasetPath, readPrefix, streamUserFile } from './userFiles';

export { parseCsvText as parseCsv } from './csvRows';

const TEST_SEED = 77;
export const CSV_TEST_FRACTION = 0.2;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

interface Column {
  name: string;
  index: number;
  kind: 'number' | 'category';
  categories: string[];
}

export interface CsvTable {
  file: string;
  features: Column[];
  label: Column;
  task: 'classification' | 'regression';
  /** Per row: feature values expanded (one-hot for categories), and the label (class index or number). */
  x: Float32Array;
  width: number;
  y: Float64Array;
  rows: number;
  /** Expanded feature names, e.g. 'age', 'colour=red'. */
  featureNames: string[];
}

function columnKind(rows: CsvRow[], index: number, name: string, file: string, forced?: 'number' | 'category'): Column['kind'] {
  if (forced) return forced;
  let numeric = 0;
  for (const r of rows) if (NUMBER.test(r.cells[index].trim())) numeric++;
  if (numeric * 2 <= rows.length) return 'category';
  if (numeric < rows.length) {
    // Mostly numbers: a text cell is a mistake, not a category.
    const bad = rows.find((r) => !NUMBER.test(r.cells[index].trim()))!;
    const params = { line: bad.line, column: name, value: bad.cells[index] };
    throw new DatasetError(`row ${bad.line}, column '${name}': '${bad.cells[index]}' is not a number (the rest of the column is numeric)`, file, 'data.csvNotNumber', params);
  }
  return 'number';
}

/** Every row of a CSV file (streamed: the text is never held whole). */
async function readCsvRows(file: string): Promise<CsvRow[]> {
  const delimiter = detectDelimiter(new TextDecoder().decode(await readPrefix(file, 64 * 1024)).replace(/^\uFEFF/, ''));
  const { stream } = await streamUserFile(file, 'csv');
  const rows: CsvRow[] = [];
  await parseCsvStream(stream, file, delimiter, (row) => rows.push(row));
  return rows;
}

/** Reads and validates the whole table. */
export async function readCsvTable(config: DatasetConfig): Promise<CsvTable> {
  const file = datasetPath(config);
  if (!file) throw new DatasetError('no CSV file given: set the Path option', undefined, 'data.noFileGiven', { what: 'CSV' });
  const all = await readCsvRows(file);
  if (all.length === 0) throw new DatasetError('is empty', file);
  const header = all[0].cells.map((h) => h.trim());
  const rows = all.slice(1);
  if (rows.length < 2) throw new DatasetError(`has ${rows.length} data rows; at least 2 are needed`, file);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) throw new DatasetError(`the header names column '${dup}' twice`, file);
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      const params = { line: r.line, cells: r.cells.length, columns: header.length };
      throw new DatasetError(`row ${r.line} has ${r.cells.length} cells but the header has ${header.length} columns`, file, 'data.csvRowLength', params);
    }
    const empty = r.cells.findIndex((c) => c.trim() === '' || /^(na|nan|null)$/i.test(c.trim()));
    if (empty >= 0) throw new DatasetError(`row ${r.line}, column '${header[empty]}': missing value ('${r.cells[empty]}')`, file);
  }
  const labelName = String(optionValue(config, 'label') ?? '') || header[header.length - 1];
  const labelIndex = header.indexOf(labelName);
  if (labelIndex < 0) throw new DatasetError(`has no column '${labelName}' (columns: ${header.join(', ')})`, file, 'data.csvNoColumn', { column: labelName, columns: header.join(', ') });
  const wanted = String(optionValue(config, 'features') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const w of wanted) if (!header.includes(w)) throw new DatasetError(`has no feature column '${w}' (columns: ${header.join(', ')})`, file);
  const featureIdx = (wanted.length ? wanted.map((w) => header.indexOf(w)) : header.map((_, i) => i)).filter((i) => i !== labelIndex);
  if (featureIdx.length === 0) throw new DatasetError('no feature columns left besides the label', file);

  const makeColumn = (index: number, forced?: Column['kind']): Column => {
    const kind = columnKind(rows, index, header[index], file, forced);
    const categories = kind === 'category' ? [...new Set(rows.map((r) => r.cells[index].trim()))].sort() : [];
    return { name: header[index], index, kind, categories };
  };
  const labelType = String(optionValue(config, 'labelType') ?? 'auto');
  const label = makeColumn(labelIndex, labelType === 'class' ? 'category' : labelType === 'number' ? 'number' : undefined);
  const features = featureIdx.map((i) => makeColumn(i));
  const featureNames = features.flatMap((c) => (c.kind === 'number' ? [c.name] : c.categories.map((k) => `${c.name}=${k}`)));
  const width = featureNames.length;
  const x = new Float32Array(rows.length * width);
  const y = new Float64Array(rows.length);
  rows.forEach((r, n) => {
    let at = n * width;
    for (const c of features) {
      const cell = r.cells[c.index].trim();
      if (c.kind === 'number') x[at++] = Number(cell);
      else {
        x[at + c.categories.indexOf(cell)] = 1;
        at += c.categories.length;
      }
    }
    const cell = r.cells[labelIndex].trim();
    y[n] = label.kind === 'number' ? Number(cell) : label.categories.indexOf(cell);
  });
  return { file, features, label, task: label.kind === 'number' ? 'regression' : 'classification', x, width, y, rows: rows.length, featureNames };
}

function splitRows(rows: number, config: DatasetConfig) {
  const order = permutation(rows, TEST_SEED);
  const testCount = Math.round(rows * CSV_TEST_FRACTION);
  const test = order.subarray(rows - testCount);
  const pool = order.subarray(0, rows - testCount);
  const sizes = splitSizes(pool.length, config);
  const shuffled = permutation(pool.length, config.seed).map((i) => pool[i]);
  return {
    validation: shuffled.subarray(0, sizes.validation),
    train: shuffled.subarray(sizes.validation, sizes.validation + sizes.train),
    test,
  };
}

function shapesOf(t: CsvTable, config: DatasetConfig): DatasetShapes {
  const pool = t.rows - Math.round(t.rows * CSV_TEST_FRACTION);
  const classes = t.label.categories.length;
  return {
    features: { x: [t.width] },
    targets: { y: [t.task === 'classification' ? classes : 1] },
    ...(t.task === 'classification' ? { numClasses: classes } : {}),
    trainSize: splitSizes(pool, config).train,
    testSize: Math.round(t.rows * CSV_TEST_FRACTION),
  };
}

export async function describeCsv(config: DatasetConfig): Promise<DatasetShapes> {
  return shapesOf(await readCsvTable(config), config);
}

export async function loadCsv(config: DatasetConfig, _ctx: LoadContext, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const t = await readCsvTable(config);
  const parts = splitRows(t.rows, config);
  // Standardise numeric columns with training-row statistics; one-hot columns stay 0/1.
  const offset = new Float64Array(t.width);
  const scale = new Float64Array(t.width).fill(1);
  if (config.normalization === 'standardize') {
    let col = 0;
    for (const c of t.features) {
      if (c.kind === 'category') {
        col += c.categories.length;
        continue;
      }
      let sum = 0, sq = 0;
      for (const r of parts.train) {
        const v = t.x[r * t.width + col];
        sum += v;
        sq += v * v;
      }
      const mean = sum / parts.train.length;
      const std = Math.sqrt(Math.max(0, sq / parts.train.length - mean * mean));
      offset[col] = mean;
      scale[col] = std > 1e-12 ? 1 / std : 1;
      col++;
    }
  }
  const classes = t.label.categories.length;
  const makeSplit = (idx: Int32Array): DatasetSplit => {
    const x = new Float32Array(idx.length * t.width);
    idx.forEach((r, k) => {
      for (let j = 0; j < t.width; j++) x[k * t.width + j] = (t.x[r * t.width + j] - offset[j]) * scale[j];
    });
    if (t.task === 'regression') {
      return { size: idx.length, features: { x: floatTensor(x, [idx.length, t.width]) }, targets: { y: floatTensor(Float32Array.from(idx, (r) => t.y[r]), [idx.length, 1]) } };
    }
    const cls = Int32Array.from(idx, (r) => t.y[r]);
    return { size: idx.length, features: { x: floatTensor(x, [idx.length, t.width]) }, targets: { y: labelTensor(cls, classes, config.labels, idx.length) }, classes: cls };
  };
  return {
    descriptor: { ...descriptor, task: t.task, ...(t.task === 'classification' ? { classNames: t.label.categories } : {}) },
    config,
    shapes: shapesOf(t, config),
    train: makeSplit(parts.train),
    validation: parts.validation.length > 0 ? makeSplit(parts.validation) : null,
    test: parts.test.length > 0 ? makeSplit(parts.test) : null,
    ...(t.task === 'classification' ? { classNames: t.label.categories } : {}),
    tabular: {
      columns: t.features.map((c) => ({ name: c.name, kind: c.kind, categories: c.categories })),
      offset: Array.from(offset),
      scale: Array.from(scale),
    },
  };
}
