import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/base/log.js';

/** A logger whose JSON lines are kept, for tests that pin what the operator reads. */
export function keptLog(): { logger: Logger; lines: () => { level: number; msg: string; plugin?: string; [k: string]: unknown }[] } {
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (raw.push(chunk.toString()), done()) }) });
  return { logger, lines: () => raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string }) };
}
