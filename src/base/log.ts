import { pino, type Logger } from 'pino';

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
  const logger = options.pretty
    ? pino({ level, formatters }, pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } }))
    : // Asynchronous: lines logged while a write is under way go out together in the next one (one system call for a
      // burst of commands instead of one per line); pino writes what is left when the process exits.
      pino({ level, formatters }, (options.destination ?? pino.destination({ dest: 2, sync: false })) as pino.DestinationStream);
  // pino applies the bindings formatter to the root's bindings only: children's go through the same scrubbing here.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, scrubSecrets(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}

/** A logger that drops everything, for tests and one-shot runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
