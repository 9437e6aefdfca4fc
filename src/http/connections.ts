import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long the HTTP side waits, in ms. A connection that says nothing is closed after `idle`; one that trickles its
 * headers after `headers`; a whole request after `request`; a kept-alive connection between requests after
 * `keepAlive`. Short: /healthz, /metrics, the page and the Slack events endpoint answer in well under a second.
 */
export interface HttpTimeouts {
  idle: number;
  headers: number;
  request: number;
  keepAlive: number;
  /** How often the server looks for connections past `headers` or `request`. */
  check: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { idle: 10_000, headers: 10_000, request: 30_000, keepAlive: 5_000, check: 1_000 };

/** Descriptors kept for the bot's own files and sockets (state, posts being read, watchers, networks): at least this … */
const RESERVED_AT_LEAST = 256;
/** … or this share of the limit, whichever is more. */
const RESERVED_SHARE = 0.25;
/** A limit below this is said at start: the HTTP side then holds few connections. */
export const LOW_FD_LIMIT = 1024;
/** Where the open-file limit is not known (not Linux): a cap that fits under the usual default of 1024. */
const UNKNOWN_LIMIT_CAP = 700;

/**
 * The process's open-file limit (the soft one, what `ulimit -n` says), from /proc/self/limits; undefined where that
 * file does not exist (not Linux) or says unlimited.
 */
export function fileDescriptorLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(read());
    return m && m[1] !== 'unlimited' ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** How many HTTP connections may be open at once under a file-descriptor limit, keeping room for everything else. */
export function connectionCap(fdLimit: number | undefined): number {
  if (fdLimit === undefined) return UNKNOWN_LIMIT_CAP;
  const reserved = Math.max(RESERVED_AT_LEAST, Math.ceil(fdLimit * RESERVED_SHARE));
  return Math.max(16, fdLimit - reserved);
}

/** What the guard says when connections are turned away; at most once per `quietMs`. */
export type OnFull = (cap: number, closed: number) => void;

/**
 * Holds a server to `cap` open connections. At the cap, a new connection takes the place of the oldest one that is
 * not in the middle of a request (one that has sent nothing yet, or a kept-alive one between requests): a flood of
 * idle connections cannot keep /healthz or a real reader out, it only pushes the oldest idle ones out. When every
 * connection is busy, the new one is closed. Each connection is also closed when idle (server.timeout) and when its
 * headers or request take too long.
 */
export function boundConnections(server: Server, cap: number, timeouts: HttpTimeouts, onFull?: OnFull, quietMs = 60_000): { open(): number } {
  server.headersTimeout = timeouts.headers;
  server.requestTimeout = timeouts.request;
  server.keepAliveTimeout = timeouts.keepAlive;
  // Without a 'timeout' listener, the server destroys a socket idle this long.
  server.setTimeout(timeouts.idle);
  // Insertion order is age: the first idle one found is the oldest.
  const open = new Set<Socket>();
  const busy = new WeakSet<Socket>();
  let closed = 0;
  let saidAt = -Infinity;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    if (open.size <= cap) return;
    let victim: Socket = socket;
    for (const s of open) {
      if (s !== socket && !busy.has(s)) {
        victim = s;
        break;
      }
    }
    open.delete(victim);
    victim.destroy();
    closed++;
    // Real time: how often the log is told of a full server, not a time any answer shows.
    const now = Date.now();
    if (now - saidAt >= quietMs) {
      onFull?.(cap, closed);
      saidAt = now;
      closed = 0;
    }
  });
  server.on('request', (req: { socket: Socket }, res: { once(event: 'close', f: () => void): void }) => {
    busy.add(req.socket);
    res.once('close', () => busy.delete(req.socket));
  });
  return { open: () => open.size };
}
