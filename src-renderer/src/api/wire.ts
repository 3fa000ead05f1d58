// Turns wire answers into results or thrown ApiErrors, and checks messages that arrive from outside.
import { ApiError, API_EVENTS, isErrorDetail, type ApiErrorCode, type ApiEventName, type WireEvent, type WireResponse } from '../../../shared/api';

const ERROR_CODES: ApiErrorCode[] = ['invalid', 'not_found', 'unsupported', 'busy', 'internal', 'forbidden', 'unavailable'];

export function unwrapResponse(res: WireResponse): unknown {
  if (res.ok) return res.result;
  const code = ERROR_CODES.includes(res.error?.code) ? res.error.code : 'internal';
  const detail = isErrorDetail(res.error?.detail) ? res.error.detail : undefined;
  throw new ApiError(code, res.error?.message || 'The LayerLab host reported an error without a message.', detail);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isWireResponse(msg: unknown): msg is WireResponse {
  if (!isObject(msg) || msg.kind !== 'response' || typeof msg.id !== 'number') return false;
  if (msg.ok === true) return true;
  return msg.ok === false && isObject(msg.error) && typeof msg.error.message === 'string';
}

export function isWireEvent(msg: unknown): msg is WireEvent {
  return isObject(msg) && msg.kind === 'event' && API_EVENTS.includes(msg.event as ApiEventName);
}
