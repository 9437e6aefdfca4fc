import type { RequestListener } from 'node:http';
import type { AdapterContext, Env } from '../src/core/adapter-context.js';
import type { Adapter } from '../src/core/types.js';

/** How rooms of a network are written after `name:` in a reminder or announcement target. */
export interface TargetSyntax {
  /** The room part (`#rdo` in `irc:#rdo`). */
  room: RegExp;
  /** A whole target, for error messages and docs. */
  example: string;
}

/** One network in the manifest (adapters/index.ts): all the service needs to know of it before loading its code. */
export interface NetworkEntry {
  /** Its name in RDOBOT_ADAPTERS, in targets (`irc:#rdo`) and as the adapter's name. */
  name: string;
  target: TargetSyntax;
  /** The network's code, loaded only when RDOBOT_ADAPTERS names it. */
  load: () => Promise<NetworkModule>;
}

/** What a network's module exports for the service. */
export interface NetworkModule {
  /**
   * Read and check the network's settings from `setup.env` before anything starts (throwing a ConfigError that
   * names the key), and say how to create the adapter once the bot exists.
   */
  prepare(setup: NetworkSetup): CreateAdapter | Promise<CreateAdapter>;
}

export interface NetworkSetup {
  env: Env;
  /** The bot serves an HTTP endpoint that an adapter may share (mount a handler on). */
  sharedHttp: boolean;
}

export type CreateAdapter = (host: NetworkHost) => Adapter | Promise<Adapter>;

/** What the service gives an adapter it creates. */
export interface NetworkHost {
  /** The bot's entry point and the network's own state directory. */
  context: AdapterContext;
  /** Tell the service that the network's input ended for good (the shell's Ctrl-D): it stops. */
  onClose(): void;
  /** Serve a handler on the bot's shared HTTP endpoint (with `sharedHttp`). */
  mount?(path: string, handler: RequestListener): void;
}
