// ApiClient over WebSocket to the web host (src-main/web): WireRequest out, WireResponse / WireEvent in.
// Reconnects with backoff; requests made while no socket is open wait for the current attempt and fail
// with a clear ApiError if it does not succeed, so the UI never hangs on a dead host.
import { ApiError, type ApiClient, type ApiEventName, type ApiMethod, type WireRequest } from '../../../shared/api';
import { makeClient, type OnFn } from './makeClient';
import { isWireEvent, isWireResponse, unwrapResponse } from './wire';
import type { ConnectionStatus } from './connection';
import { i18n } from '../../../shared/i18n/i18n';
import { errorText } from '../../../shared/i18n/error-text';

/** The subset of the browser WebSocket this transport uses (lets tests pass a fake). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  onStatus?: (status: ConnectionStatus, detail: string, retryInSec: number | null) => void;
  /** Backoff bounds for reconnecting, in ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A request with no answer after this long fails (the worker side answers quickly; training streams events). */
  requestTimeoutMs?: number;
}

const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function webSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>, path: string, tokenParam: string): string {
  const token = new URLSearchParams(loc.search).get(tokenParam) ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${path}?${tokenParam}=${encodeURIComponent(token)}`;
}

export class WsTransport {
  private socket: SocketLike | null = null;
  private nextId = 1;
  /** Sent, waiting for their answer. */
  private readonly inFlight = new Map<number, Pending>();
  /** Not sent yet: waiting for the socket to open. */
  private queued: { req: WireRequest; pending: Pending }[] = [];
  private readonly listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();
  private delayMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closedByUser = false;
  private readonly opts: Required<Omit<WsTransportOptions, 'onStatus'>> & Pick<WsTransportOptions, 'onStatus'>;

  constructor(options: WsTransportOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      minDelayMs: 500,
      maxDelayMs: 8000,
      requestTimeoutMs: 120_000,
      ...options,
    };
    this.delayMs = this.opts.minDelayMs;
    this.connect();
  }

  client(): ApiClient {
    const on: OnFn = (event, listener) => {
      const set = this.listeners.get(event) ?? new Set();
      this.listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    };
    return makeClient((method, payload) => this.call(method, payload), on);
  }

  /** Closes for good (tests, page unload). */
  dispose(): void {
    this.closedByUser = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
  }

  private status(status: ConnectionStatus, detail = '', retryInSec: number | null = null): void {
    this.opts.onStatus?.(status, detail, retryInSec);
  }

  private connect(): void {
    this.retryTimer = null;
    this.status('connecting');
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch (err) {
      this.onDisconnected(errorText(err));
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.delayMs = this.opts.minDelayMs;
      this.status('connected');
      const queued = this.queued;
      this.queued = [];
      for (const q of queued) this.send(q.req, q.pending);
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onerror = () => {
      /* onclose follows and carries the details */
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const why = ev?.reason || (opened ? i18n.t('common:connection.lost') : i18n.t('common:connection.unreachable'));
      this.onDisconnected(why);
    };
  }

  private onDisconnected(why: string): void {
    const err = new ApiError('internal', i18n.t('common:connection.notConnected', { why }));
    for (const [id, p] of this.inFlight) {
      clearTimeout(p.timer);
      p.reject(err);
      this.inFlight.delete(id);
    }
    for (const q of this.queued) {
      clearTimeout(q.pending.timer);
      q.pending.reject(err);
    }
    this.queued = [];
    if (this.closedByUser) {
      this.status('disconnected', why);
      return;
    }
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.opts.maxDelayMs);
    this.status('disconnected', why, Math.ceil(delay / 1000));
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private call(method: ApiMethod, payload: unknown): Promise<unknown> {
    const req: WireRequest = { kind: 'request', id: this.nextId++, method, payload: payload ?? null };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight.delete(req.id);
        this.queued = this.queued.filter((q) => q.req.id !== req.id);
        reject(new ApiError('internal', i18n.t('common:connection.noAnswer', { method })));
      }, this.opts.requestTimeoutMs);
      const pending: Pending = { resolve, reject, timer };
      if (this.socket && this.socket.readyState === OPEN) this.send(req, pending);
      else if (this.socket) this.queued.push({ req, pending }); // connecting: wait for this attempt
      else {
        clearTimeout(timer);
        reject(new ApiError('internal', 'Not connected to the LayerLab host; it will retry in the background.'));
      }
    });
  }

  private send(req: WireRequest, pending: Pending): void {
    this.inFlight.set(req.id, pending);
    try {
      this.socket!.send(JSON.stringify(req));
    } catch (err) {
      this.inFlight.delete(req.id);
      clearTimeout(pending.timer);
      pending.reject(new ApiError('internal', i18n.t('common:connection.sendFailed', { method: req.method, message: errorText(err) })));
    }
  }

  private onMessage(data: unknown): void {
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      console.warn('LayerLab: ignored a message from the host that is not JSON');
      return;
    }
    if (isWireResponse(msg)) {
      const p = this.inFlight.get(msg.id);
      if (!p) return;
      this.inFlight.delete(msg.id);
      clearTimeout(p.timer);
      try {
        p.resolve(unwrapResponse(msg));
      } catch (err) {
        p.reject(err as Error);
      }
    } else if (isWireEvent(msg)) {
      for (const l of this.listeners.get(msg.event) ?? []) {
        try {
          l(msg.payload);
        } catch (err) {
          console.error(`LayerLab: a '${msg.event}' listener threw`, err);
        }
      }
    } else {
      console.warn('LayerLab: ignored a message of unknown shape from the host');
    }
  }
}
