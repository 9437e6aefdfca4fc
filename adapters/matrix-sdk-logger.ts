import type { ICreateClientOpts } from 'matrix-js-sdk';
import type { Logger } from '../src/log.js';

type SdkLogger = NonNullable<ICreateClientOpts['logger']>;

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

/**
 * matrix-js-sdk's own logging, routed into the bot's logger. The SDK is chatty and logs
 * expected trouble (a dropped /sync) as errors; the adapter reports what matters itself,
 * so everything from the SDK goes to debug.
 */
export function sdkLogger(log: Logger, namespace = 'sdk'): SdkLogger {
  const child = log.child({ sdk: namespace });
  const write = (...parts: unknown[]) => {
    if (child.isLevelEnabled('debug')) child.debug(text(parts));
  };
  return {
    trace: () => undefined,
    debug: write,
    info: write,
    warn: write,
    error: write,
    getChild: (name: string) => sdkLogger(log, `${namespace}.${name}`),
  };
}
