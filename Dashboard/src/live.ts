// The live feed: one SignalR connection to /hubs/metrics, subscribed to the site on screen, that keeps
// trying to reconnect for as long as the page is open.
import { HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type ILogger } from '@microsoft/signalr';
import type { PipelineSnapshot, TopPagesPush, WindowsPush } from './types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface LiveHandlers {
  windows(push: WindowsPush): void;
  topPages(push: TopPagesPush): void;
  pipeline(snapshot: PipelineSnapshot): void;
  state(state: ConnectionState, detail: string): void;
  /** Subscribed again after a (re)connect: whatever was pushed while away must be read from the REST API. */
  resubscribed(): void;
  unauthorized(): void;
}

// Quick retries for a blip, then a steady pace that does not hammer a host that is down.
const retryDelaysMs = [0, 1000, 2000, 5000, 10_000];

function retryDelay(attempt: number): number {
  return retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)];
}

function isUnauthorized(error: unknown): boolean {
  if (error instanceof HttpError) return error.statusCode === 401;
  // A refused negotiate reaches us wrapped in a FailedToNegotiateWithServerError that keeps the HttpError's
  // text ("...: Status code '401'") but not its status code.
  return error instanceof Error && error.message.includes("Status code '401'");
}

// The page shows the connection state itself, so the client's failures are warnings, not console errors.
const logger: ILogger = {
  log(level, message) {
    if (level >= LogLevel.Warning && level < LogLevel.None) console.warn(`[hub] ${message}`);
  },
};

export class LiveConnection {
  private readonly hub: HubConnection;
  private site: string | null = null;
  private startAttempts = 0;
  private retryTimer: number | undefined;
  /** Set while start() stops the old connection itself, so that close is no failure to retry. */
  private restarting = false;
  /** Counts start() calls: a start overtaken by a newer one (say, after a new key) must not act on its outcome. */
  private generation = 0;

  constructor(url: string, accessKey: () => string | null, private readonly handlers: LiveHandlers) {
    this.hub = new HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: () => accessKey() ?? '' })
      .withAutomaticReconnect({
        // A refused key will not become valid by waiting: stop, so onclose can ask for a new one.
        nextRetryDelayInMilliseconds: (ctx) => (isUnauthorized(ctx.retryReason) ? null : retryDelay(ctx.previousRetryCount)),
      })
      .configureLogging(logger)
      .build();
    this.hub.on('windows', (push: WindowsPush) => handlers.windows(push));
    this.hub.on('topPages', (push: TopPagesPush) => handlers.topPages(push));
    this.hub.on('pipeline', (snapshot: PipelineSnapshot) => handlers.pipeline(snapshot));
    this.hub.onreconnecting(() => handlers.state('reconnecting', 'lost the live feed, reconnecting'));
    this.hub.onreconnected(() => this.connected());
    this.hub.onclose((error) => this.closed(error));
  }

  /** Starts (or, after a new key, restarts) the connection. */
  async start(): Promise<void> {
    window.clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    if (this.hub.state !== HubConnectionState.Disconnected) {
      this.restarting = true;
      await this.hub.stop();
      this.restarting = false;
    }
    if (generation !== this.generation) return;
    this.handlers.state(this.startAttempts === 0 ? 'connecting' : 'reconnecting', 'connecting to the live feed');
    try {
      await this.hub.start();
    } catch (error) {
      if (generation === this.generation) this.closed(error);
      return;
    }
    if (generation === this.generation) await this.connected();
  }

  /** Follows another site: unsubscribes from the old one and subscribes to the new one. */
  async follow(site: string): Promise<void> {
    const previous = this.site;
    this.site = site;
    if (this.hub.state !== HubConnectionState.Connected || previous === site) return;
    if (previous !== null) this.hub.invoke('Unsubscribe', previous).catch((error) => console.warn('[hub] could not unsubscribe from', previous, error));
    await this.subscribe();
  }

  private async connected(): Promise<void> {
    this.startAttempts = 0;
    await this.subscribe();
    this.handlers.state('connected', 'live');
    this.handlers.resubscribed();
  }

  private async subscribe(): Promise<void> {
    if (this.site === null) return;
    try {
      await this.hub.invoke('Subscribe', this.site);
    } catch (error) {
      console.warn('[hub] could not subscribe to', this.site, error);
    }
  }

  private closed(error: unknown): void {
    if (this.restarting) return;
    if (isUnauthorized(error)) {
      this.handlers.state('disconnected', 'the live feed needs an access key');
      this.handlers.unauthorized();
      return;
    }
    // The automatic reconnect gave up or the first start failed: keep trying at a steady pace.
    const delay = retryDelay(++this.startAttempts);
    this.handlers.state('disconnected', `no live feed, retrying in ${Math.round(delay / 1000)} s`);
    this.retryTimer = window.setTimeout(() => void this.start(), delay);
  }
}
