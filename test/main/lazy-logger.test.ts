import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger, lazyLogger, silentLogger, type LogOptions, type Logger } from '../../src/base/log.js';

/** A logger writing JSON lines into a string; `lines()` gives them parsed, without the time and pid of the process. */
function into(make: (options: LogOptions) => Logger, level: string): { logger: Logger; lines: () => Promise<Record<string, unknown>[]> } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  const logger = make({ level, destination: out });
  return {
    logger,
    lines: async () => {
      await new Promise((r) => setImmediate(r));
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const { time: _time, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(l) as Record<string, unknown>;
          return rest;
        });
    },
  };
}

/** The same calls, on either kind of logger. */
function talk(logger: Logger): void {
  logger.info('below the level: dropped');
  logger.warn({ file: 'a.md', token: 'hunter2' }, 'skipped a post');
  const child = logger.child({ plugin: 'toy', password: 'pw' });
  child.debug('dropped too');
  child.error({ options: { secret: 's' } }, 'failed');
}

describe('the logger one-shot mode makes when first needed', () => {
  it('writes the same lines as createLogger, secrets scrubbed, children included', async () => {
    const eager = into(createLogger, 'warn');
    const lazy = into(lazyLogger, 'warn');
    talk(eager.logger);
    talk(lazy.logger);
    const lines = await lazy.lines();
    assert.deepEqual(lines, await eager.lines());
    assert.equal(lines.length, 2);
    assert.equal(lines[1].password, '[Redacted]');
  });

  it('answers its level and which levels it writes as pino does, before and after it has written', () => {
    const { logger } = into(lazyLogger, 'info');
    const ask = () => [logger.level, logger.isLevelEnabled('debug'), logger.isLevelEnabled('info'), logger.isLevelEnabled('fatal'), logger.isLevelEnabled('nonsense')];
    const eager = into(createLogger, 'info').logger;
    const expected = [eager.level, eager.isLevelEnabled('debug'), eager.isLevelEnabled('info'), eager.isLevelEnabled('fatal'), eager.isLevelEnabled('nonsense')];
    assert.deepEqual(ask(), expected);
    logger.info('made now');
    assert.deepEqual(ask(), expected);
  });

  it('takes a new level as pino does', async () => {
    const { logger, lines } = into(lazyLogger, 'warn');
    logger.level = 'debug';
    logger.debug('now written');
    assert.deepEqual((await lines()).map((l) => l.msg), ['now written']);
  });

  it('drops everything, silent', () => {
    const logger = silentLogger();
    assert.equal(logger.isLevelEnabled('fatal'), false);
    logger.fatal('nowhere');
    logger.child({ a: 1 }).error('nowhere either');
  });
});
