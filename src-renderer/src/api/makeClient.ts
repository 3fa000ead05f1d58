// Builds an ApiClient from a transport's "call a method" and "subscribe to an event" functions.
import { API_METHODS, type ApiClient, type ApiEventName, type ApiEvents, type ApiMethod } from '../../../shared/api';

export type CallFn = (method: ApiMethod, payload: unknown) => Promise<unknown>;
export type OnFn = <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) => () => void;

export function makeClient(call: CallFn, on: OnFn): ApiClient {
  const client: Record<string, unknown> = { on };
  for (const method of API_METHODS) client[method] = (payload: unknown) => call(method, payload);
  return client as unknown as ApiClient;
}
