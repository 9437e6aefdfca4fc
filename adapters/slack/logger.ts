import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/base/log.js';

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

/**
 * Bolt's and the Web API client's logging, routed into the bot's logger at the same levels:
 * rejected signatures and rate-limit waits (warn/info) are worth seeing in production.
 * The level follows the bot's logger; Bolt asking to change it is ignored.
 */
export function boltLogger(log: Logger, name = 'bolt'): BoltLogger {
  const child = log.child({ sdk: name });
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](text(parts));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined,
    getLevel: () => {
      if (child.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (child.isLevelEnabled('info')) return LogLevel.INFO;
      if (child.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
