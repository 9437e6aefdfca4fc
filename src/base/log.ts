import { createRequire } from 'node:module';
import type { DestinationStream, Logger } from 'pino';

// pino (some thirty modules, node:worker_threads among them) is required when a logger is first made, not imported.
const require = createRequire(import.meta.url);
let loaded: typeof import('pino') | undefined;
const pinoModule = () => (loaded ??= require('pino') as typeof import('pino'));

export type { Logger };

export interface LogOptions {
  level?: string;
  /** Human-readable output (a terminal); JSON lines otherwise. */
  pretty?: boolean;
  /** Where log lines go; stderr by default so stdout stays for answers. */
  destination?: NodeJS.WritableStream;
}

/** Keys whose values never reach a log line, at the top of a log object or one level down (`{ options: { token } }`). */
const SECRET_KEYS = new Set(['token', 'password', 'secret', 'accessToken', 'signingSecret', 'appToken']);
const REDACTED = '[Redacted]';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function scrubOne(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const key in obj) {
    if (SECRET_KEYS.has(key)) {
      if (out === obj) out = { ...obj };
      out[key] = REDACTED;
    }
  }
  return out;
}

/**
 * Secrets out of a log object. Copies only when there is something to hide, so the line logged for every command
 * (a handful of plain fields) costs a loop over its keys; pino's path-based redaction costs three times the line.
 */
export function scrubSecrets(obj: Record<string, unknown>): Record<string, unknown> {
  let out = scrubOne(obj);
  for (const key in out) {
    const value = out[key];
    if (!isPlain(value)) continue;
    const inner = scrubOne(value);
    if (inner === value) continue;
    if (out === obj) out = { ...obj };
    out[key] = inner;
  }
  return out;
}

const formatters = { log: scrubSecrets, bindings: scrubSecrets };

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? 'info';
  const { pino } = pinoModule();
  const logger = options.pretty
    ? pino({ level, formatters }, pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } }))
    : // Asynchronous: lines logged while a write is under way go out together in the next one (one system call for a
      // burst of commands instead of one per line); pino writes what is left when the process exits.
      pino({ level, formatters }, (options.destination ?? pino.destination({ dest: 2, sync: false })) as DestinationStream);
  // pino applies the bindings formatter to the root's bindings only: children's go through the same scrubbing here.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, scrubSecrets(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}

/** pino's levels, by their numbers; a level not named here (a custom one) makes the logger at once. */
const LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const nothing = () => undefined;

/**
 * createLogger's logger, made (and pino loaded) only when it first has a line to write at its level or is asked for
 * anything but its level, a line below it or a child: a one-shot answer usually logs nothing it would show. Once
 * made, the real logger answers everything. For a process that logs from its start (the service), createLogger.
 */
export function lazyLogger(options: LogOptions = {}): Logger {
  return deferred(options.level ?? 'info', () => createLogger(options));
}

function deferred(level: string, make: () => Logger): Logger {
  const threshold = LEVELS[level];
  if (threshold === undefined) return make();
  let real: Logger | undefined;
  const made = () => (real ??= make());
  const lines = (name: string) => (LEVELS[name] < threshold ? nothing : (...args: unknown[]) => (made()[name as 'info'] as (...a: unknown[]) => void)(...args));
  return new Proxy({} as Logger, {
    get(_target, key) {
      if (!real && typeof key === 'string') {
        if (key === 'level') return level;
        if (key === 'isLevelEnabled') return (name: string) => (name in LEVELS ? LEVELS[name] >= threshold : made().isLevelEnabled(name));
        if (key === 'child') return (bindings: Record<string, unknown>, options?: object) => (options ? made().child(bindings, options) : deferred(level, () => made().child(bindings)));
        if (key in LEVELS && key !== 'silent') return lines(key);
      }
      const value: unknown = Reflect.get(made(), key);
      return typeof value === 'function' ? value.bind(real) : value;
    },
    set: (_target, key, value) => Reflect.set(made(), key, value),
  });
}

/** A logger that drops everything, for tests and one-shot runs. */
export function silentLogger(): Logger {
  return deferred('silent', () => pinoModule().pino({ level: 'silent' }));
}
