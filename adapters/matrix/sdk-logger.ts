import type { ICreateClientOpts } from 'matrix-js-sdk';
// The SDK's module-wide logger is not re-exported from the package root.
import { logger as globalLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger } from '../../src/base/log.js';

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

let globalSink: Logger | undefined;
let installed = false;

/** The loglevel side of the SDK's module logger (typed by the SDK only as a plain logger). */
interface LevelLogger {
  methodFactory: (method: string, level: number, name: string | symbol) => (...parts: unknown[]) => void;
  rebuild(): void;
}

/**
 * Parts of matrix-js-sdk (rooms, RTC sessions) log through its module-wide logger straight to
 * the console. Send those lines to the bot's logger at debug level too, so stdout stays clean.
 * The module logger is process-wide; the most recently started adapter's logger receives them.
 */
export function captureGlobalSdkLog(log: Logger): void {
  globalSink = log.child({ sdk: 'global' });
  if (installed) return;
  installed = true;
  const root = globalLogger as unknown as LevelLogger;
  root.methodFactory = () =>
    function (...parts: unknown[]) {
      if (globalSink?.isLevelEnabled('debug')) globalSink.debug(text(parts));
    };
  root.rebuild();
}
