// A stand-in for the grid's SignalR hub: the negotiate step and the JSON hub protocol over WebSockets,
// enough for the real @microsoft/signalr client to connect, subscribe and receive pushes.
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { pipelineSnapshot, recentWindows, topPages } from './fake-grid.mjs';

const separator = '\u001e';
const messageType = { invocation: 1, completion: 3, ping: 6, close: 7 };
const pushEveryMs = 250;

export class FakeHub {
  /** @param {{ authorized: (token: string | null) => boolean }} options */
  constructor({ authorized }) {
    this.authorized = authorized;
    this.wss = new WebSocketServer({ noServer: true });
    /** @type {Map<import('ws').WebSocket, Set<string>>} */
    this.clients = new Map();
    this.refusing = false;
    /** Every Subscribe and Unsubscribe, for tests to check. */
    this.calls = [];
    this.ticks = 0;
    /** What the hub pushes as the pipeline's health; checks swap it for a slow or odd pipeline. */
    this.snapshot = pipelineSnapshot;
    this.timer = setInterval(() => this.push(), pushEveryMs);
  }

  /** POST /hubs/metrics/negotiate: offers WebSockets only. */
  negotiate(token) {
    if (this.refusing) return { status: 503, body: { error: 'hub is down (dev server)' } };
    if (!this.authorized(token)) return { status: 401, body: null };
    const id = randomUUID();
    return { status: 200, body: { negotiateVersion: 1, connectionId: id, connectionToken: id, availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text'] }] } };
  }

  upgrade(request, socket, head, token) {
    if (this.refusing || !this.authorized(token)) {
      socket.end(this.refusing ? 'HTTP/1.1 503 Service Unavailable\r\n\r\n' : 'HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  accept(ws) {
    let handshaken = false;
    ws.on('message', (data) => {
      for (const frame of data.toString().split(separator).filter(Boolean)) {
        const message = JSON.parse(frame);
        if (!handshaken) {
          handshaken = true;
          this.clients.set(ws, new Set());
          ws.send(`{}${separator}`);
          continue;
        }
        this.receive(ws, message);
      }
    });
    ws.on('close', () => this.clients.delete(ws));
  }

  receive(ws, message) {
    if (message.type !== messageType.invocation) return;
    const [site] = message.arguments;
    const subscriptions = this.clients.get(ws);
    if (message.target === 'Subscribe') subscriptions.add(site);
    else if (message.target === 'Unsubscribe') subscriptions.delete(site);
    this.calls.push({ target: message.target, site });
    if (message.invocationId !== undefined) this.send(ws, { type: messageType.completion, invocationId: message.invocationId, result: null });
  }

  send(ws, message) {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message) + separator);
  }

  push() {
    const now = Date.now();
    this.ticks++;
    for (const [ws, subscriptions] of this.clients) {
      for (const site of subscriptions) {
        this.send(ws, { type: messageType.invocation, target: 'windows', arguments: [{ site, windows: recentWindows(site, now, pushEveryMs) }] });
        if (this.ticks % 4 === 0) {
          const start = Math.floor(now / 60_000) * 60_000;
          const pages = topPages(site, start, start + 60_000, now, 10);
          this.send(ws, { type: messageType.invocation, target: 'topPages', arguments: [{ site, start, end: start + 60_000, final: false, pages }] });
        }
      }
      if (this.ticks % 8 === 0) this.send(ws, { type: messageType.invocation, target: 'pipeline', arguments: [this.snapshot(now)] });
      if (this.ticks % 40 === 0) this.send(ws, { type: messageType.ping });
    }
  }

  /** Pushes windows of a site to the pages subscribed to it now, as the grid does when they change. */
  pushWindows(site, windows) {
    for (const [ws, subscriptions] of this.clients) {
      if (subscriptions.has(site)) this.send(ws, { type: messageType.invocation, target: 'windows', arguments: [{ site, windows }] });
    }
  }

  /** Cuts every connection the hard way, as a crashed host would. */
  drop() {
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
  }

  close() {
    clearInterval(this.timer);
    this.drop();
    this.wss.close();
  }
}
