// Errors leave main with a code and parameters that the renderer's formatter says in Korean: a broken
// graph file, a dataset file with a text cell in a numeric column, and a refused api payload, each from
// the real code path, through the wire (JSON).
import '../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError, isErrorDetail, type WireResponse } from '../shared/api';
import { parseGraphFile } from '../shared/graph/validate';
import { defaultDatasetConfig } from '../shared/graph/defaults';
import { errorText } from '../shared/i18n/error-text';
import { createApiHandlers, dispatch, toErrorPayload } from './api-handlers';
import { fakeDeps } from './api-handlers.fakes';
import { readCsvTable } from './data/csv';
import { toJobFailure } from './jobs/run-host-job';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What the renderer gets after the answer crossed the wire as JSON (its unwrapResponse: src-renderer/src/api/wire.test.ts). */
function overTheWire(res: WireResponse): ApiError {
  const parsed = JSON.parse(JSON.stringify(res)) as WireResponse;
  if (parsed.ok) throw new Error('expected a failure');
  expect(isErrorDetail(parsed.error.detail)).toBe(true);
  return new ApiError(parsed.error.code, parsed.error.message, parsed.error.detail);
}

describe('coded errors from main, said in Korean by the renderer', () => {
  it('a broken graph file: code, line and column, Korean text; English unchanged', () => {
    let thrown: unknown;
    try {
      parseGraphFile('{\n  "format": "layerlab-graph",\n  "nodes": [1, 2,]\n}');
    } catch (err) {
      thrown = err;
    }
    const payload = toErrorPayload(thrown, 'openGraphFile');
    expect(payload.detail).toMatchObject({ code: 'graph.jsonTrailingComma', params: { line: 3, column: 18, char: ']' } });
    const received = overTheWire({ kind: 'response', id: 1, ok: false, error: payload });
    expect(errorText(received, 'ko')).toBe("올바른 JSON이 아닙니다: 3행 18열, ']' 앞에 쉼표가 남아 있습니다");
    expect(errorText(received, 'en')).toBe("openGraphFile failed: not valid JSON: a trailing comma before ']' at line 3, column 18");
  });

  it('a CSV with a word in a numeric column: the job failure keeps file, row, column and value', async () => {
    const file = path.join(tmp, 'bad.csv');
    writeFileSync(file, 'x,y,label\n1,2,a\n3,oops,b\n5,6,a\n7,8,b\n');
    const dataset = { ...defaultDatasetConfig(), id: 'csv', options: { path: file } };
    const err = await readCsvTable(dataset).then(() => null, (e: unknown) => e);
    const failure = toJobFailure({ kind: 'describe', dataset }, err);
    expect(failure.code).toBe('invalid');
    expect(failure.detail).toMatchObject({ code: 'data.csvNotNumber', params: { file, line: 3, column: 'y', value: 'oops' } });
    // As the job runner rebuilds it in main and dispatch sends it.
    const res: WireResponse = { kind: 'response', id: 2, ok: false, error: toErrorPayload(new ApiError(failure.code!, failure.message, failure.detail)) };
    expect(errorText(overTheWire(res), 'ko')).toBe(`${file}: 3행, 'y' 열: 'oops'은(는) 숫자가 아닙니다 (이 열의 나머지는 숫자입니다)`);
  });

  it('a refused api payload names the method in both languages', async () => {
    const res = await dispatch(createApiHandlers(fakeDeps()), 'getRun', { runId: '../etc' }, 3);
    const received = overTheWire(res);
    expect(received.errorDetail?.code).toBe('api.invalidRequest');
    expect(errorText(received, 'ko')).toMatch(/^getRun: 잘못된 요청: /);
    expect(errorText(received, 'en')).toBe(received.message);
  });
});
