// Errors from main, the workers and the graph-file check carry a code and parameters (ErrorDetail,
// shared/api.ts); this says them in a language. English is the error's own message (unchanged for logs
// and the CLI); another language looks the code up in the `errors` catalogue, and a code this build does
// not know (a newer host) falls back to the English message.
import { detailOf, type ErrorCode, type ErrorDetail } from '../api';
import { i18n, isLang, type Lang } from './i18n';

/** Every code's catalogue key, written in full so the catalogue check finds each one. */
export const ERROR_KEY = {
  'graph.empty': 'errors:graph.empty',
  'graph.tooLarge': 'errors:graph.tooLarge',
  'graph.tooDeep': 'errors:graph.tooDeep',
  'graph.invalidJson': 'errors:graph.invalidJson',
  'graph.jsonTruncated': 'errors:graph.jsonTruncated',
  'graph.jsonTrailingComma': 'errors:graph.jsonTrailingComma',
  'graph.jsonSingleQuote': 'errors:graph.jsonSingleQuote',
  'graph.jsonUnexpected': 'errors:graph.jsonUnexpected',
  'graph.notObject': 'errors:graph.notObject',
  'graph.notLayerlab': 'errors:graph.notLayerlab',
  'graph.wrongFormat': 'errors:graph.wrongFormat',
  'graph.newerVersion': 'errors:graph.newerVersion',
  'graph.unknownKind': 'errors:graph.unknownKind',
  'graph.unknownKindNear': 'errors:graph.unknownKindNear',
  'graph.unknownParam': 'errors:graph.unknownParam',
  'graph.duplicateNodeId': 'errors:graph.duplicateNodeId',
  'graph.edgeMissingNode': 'errors:graph.edgeMissingNode',
  'graph.field': 'errors:graph.field',
  'file.notFound': 'errors:file.notFound',
  'file.cannotRead': 'errors:file.cannotRead',
  'file.tooLarge': 'errors:file.tooLarge',
  'file.notSaved': 'errors:file.notSaved',
  'data.problem': 'errors:data.problem',
  'data.fileProblem': 'errors:data.fileProblem',
  'data.notFound': 'errors:data.notFound',
  'data.noFileGiven': 'errors:data.noFileGiven',
  'data.csvNotNumber': 'errors:data.csvNotNumber',
  'data.csvRowLength': 'errors:data.csvRowLength',
  'data.csvNoColumn': 'errors:data.csvNoColumn',
  'data.idxMagic': 'errors:data.idxMagic',
  'data.idxTruncated': 'errors:data.idxTruncated',
  'data.cancelled': 'errors:data.cancelled',
  'train.nonFiniteLoss': 'errors:train.nonFiniteLoss',
  'train.hintNonFinite': 'errors:train.hintNonFinite',
  'train.hintNonFiniteUnnormalized': 'errors:train.hintNonFiniteUnnormalized',
  'train.hintDataset': 'errors:train.hintDataset',
  'train.workerKilled': 'errors:train.workerKilled',
  'train.workerExited': 'errors:train.workerExited',
  'train.outOfMemory': 'errors:train.outOfMemory',
  'train.shapeMismatch': 'errors:train.shapeMismatch',
  'train.buildFailed': 'errors:train.buildFailed',
  'train.datasetFailed': 'errors:train.datasetFailed',
  'train.backendFailed': 'errors:train.backendFailed',
  'train.interrupted': 'errors:train.interrupted',
  'train.tooBig': 'errors:train.tooBig',
  'train.graphInvalid': 'errors:train.graphInvalid',
  'train.busy': 'errors:train.busy',
  'torch.killed': 'errors:torch.killed',
  'torch.outOfMemory': 'errors:torch.outOfMemory',
  'torch.failed': 'errors:torch.failed',
  'import.unsupportedOnnxOps': 'errors:import.unsupportedOnnxOps',
  'import.failed': 'errors:import.failed',
  'import.tooLarge': 'errors:import.tooLarge',
  'export.failed': 'errors:export.failed',
  'download.failed': 'errors:download.failed',
  'download.cancelled': 'errors:download.cancelled',
  'download.checksum': 'errors:download.checksum',
  'api.invalidRequest': 'errors:api.invalidRequest',
  'api.unsupported': 'errors:api.unsupported',
  'api.busy': 'errors:api.busy',
  'api.jobCrashed': 'errors:api.jobCrashed',
  'api.jobTimeout': 'errors:api.jobTimeout',
  'api.shuttingDown': 'errors:api.shuttingDown',
  'run.notFound': 'errors:run.notFound',
} as const satisfies Record<ErrorCode, `errors:${string}`>;

function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : 'en';
}

/** One coded error in `lng` (default: the current language); its cause is said in the same language. */
export function errorDetailText(detail: ErrorDetail, lng: Lang = currentLang()): string {
  if (lng === 'en') return detail.message;
  const key = (ERROR_KEY as Record<string, (typeof ERROR_KEY)[ErrorCode] | undefined>)[detail.code];
  if (!key) return detail.message;
  const cause = detail.cause ? { cause: errorDetailText(detail.cause, lng) } : {};
  return i18n.t(key, { ...detail.params, ...cause, lng }) as string;
}

/** Anything thrown or reported: its coded detail in `lng` when it has one, else (and in English) its own message. */
export function errorText(err: unknown, lng: Lang = currentLang()): string {
  const detail = lng === 'en' ? undefined : detailOf(err);
  if (detail) return errorDetailText(detail, lng);
  return err instanceof Error ? err.message : String(err);
}
