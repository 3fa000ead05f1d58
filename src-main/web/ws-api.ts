// The api over WebSocket: each text message is a WireRequest, answered with a WireResponse carrying the same id;
// events are pushed to every connected client as WireEvent. Malformed messages get an 'invalid' response
// (id -1 when the message has no usable id) instead of closing the connection.
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { Api, ApiEventName, ApiEvents, WireEvent, WireResponse } from '../../shared/api';
import { dispatch } from '../api-handlers';
import { isPlainObject } from '../api-payloads';

/** The id used in answers to messages that carry no usable request id. */
export const NO_REQUEST_ID = -1;

function invalidMessage(id: number, message: string): WireResponse {
  return { kind: 'response', id, ok: false, error: { code: 'invalid', message } };
}

/** Parses and runs one incoming message; always yields a response. */
export async function answerMessage(handlers: Api, data: RawData, isBinary: boolean): Promise<WireResponse> {
  if (isBinary) return invalidMessage(NO_REQUEST_ID, 'Binary messages are not accepted: send a JSON WireRequest as text');
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (err) {
    return invalidMessage(NO_REQUEST_ID, `Message is not JSON (${err instanceof Error ? err.message : String(err)}); expected {"kind":"request","id":1,"method":"getInfo","payload":null}`);
  }
  const id = isPlainObject(msg) && Number.isSafeInteger(msg.id) ? (msg.id as number) : NO_REQUEST_ID;
  if (!isPlainObject(msg) || msg.kind !== 'request' || id === NO_REQUEST_ID) {
    return invalidMessage(id, `Message is not a request: expected an object with kind "request", an integer id, a method and a payload`);
  }
  return dispatch(handlers, msg.method, msg.payload, id);
}

function serialize(res: WireResponse): string {
  try {
    return JSON.stringify(res);
  } catch (err) {
    const message = `The result could not be sent as JSON: ${err instanceof Error ? err.message : String(err)}`;
    return JSON.stringify({ kind: 'response', id: res.id, ok: false, error: { code: 'internal', message } } satisfies WireResponse);
  }
}

/** Tracks authorised clients, answers their requests and pushes events to all of them. */
export class WsApi {
  private readonly clients = new Set<WebSocket>();

  constructor(private readonly handlers: Api) {}

  get clientCount(): number {
    return this.clients.size;
  }

  /** Call only for connections that passed the token check. */
  accept(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      void answerMessage(this.handlers, data, isBinary).then((res) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(serialize(res));
      });
    });
  }

  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    const text = JSON.stringify({ kind: 'event', event, payload } satisfies WireEvent);
    for (const ws of this.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }

  closeAll(code: number, reason: string): void {
    for (const ws of this.clients) ws.close(code, reason);
    this.clients.clear();
  }
}
