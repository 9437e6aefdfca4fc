import { pino, type Logger } from 'pino';

export type { Logger };

export interface LogOptions {
  level?: string;
  /** Human-readable output (a terminal); JSON lines otherwise. */
  pretty?: boolean;
  /** Where log lines go; stderr by default so stdout stays for answers. */
  destination?: NodeJS.WritableStream;
}

const REDACT = ['*.token', '*.password', '*.secret', '*.accessToken', '*.signingSecret', '*.appToken', 'token', 'password'];

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (options.pretty) {
    return pino(
      { level, redact: REDACT },
      pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } }),
    );
  }
  return pino({ level, redact: REDACT }, (options.destination ?? pino.destination(2)) as pino.DestinationStream);
}

/** A logger that drops everything, for tests and one-shot runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
