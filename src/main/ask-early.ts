import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEarly } from '../archive/listing.js';
import type { CoreConfig } from '../config/load.js';
import type { Env } from '../core/adapter-context.js';
import { privateTempDir } from '../base/private-dir.js';

/** The post cache in a data directory. */
const cacheIn = (dataDir: string) => join(dataDir, 'cache', 'posts.sqlite');

/**
 * Where one-shot mode keeps parsed posts: RDOBOT_DATA_DIR/cache when the data directory is given, else a private
 * directory under the system's temporary one; none with --no-cache or RDOBOT_CACHE=off.
 */
export function oneShotCacheFile(config: CoreConfig, noCache = false): string | undefined {
  if (noCache || !config.cache) return undefined;
  if (config.dataDirGiven) return cacheIn(config.dataDir);
  const dir = privateTempDir(tmpdir());
  return dir ? join(dir, 'posts-cache.sqlite') : undefined;
}

/** The configuration read ahead (see readEarlyFor), for the one-shot run of this environment and directory. */
let ahead: { env: Env; cwd: string; config: CoreConfig } | undefined;

/** The configuration read ahead for this environment and directory, once (the run's own reading of it is then not needed). */
export function configAhead(env: Env, cwd: string): CoreConfig | undefined {
  const read = ahead;
  ahead = undefined;
  return read && read.env === env && read.cwd === cwd ? read.config : undefined;
}

/**
 * For `rdobot ask` (its arguments after `ask`), with `dirs` its `--archive` directories being listed early
 * (listEarlyFor): whether this run will read the first of them whole, as a first run does with no post cache yet (or
 * with none at all); then a reading thread is started ahead for it (readEarly: it ends at once if the directory holds
 * too few files to need one) while the modules load. A run with a cache file starts nothing: most of its files are
 * likely cached. A configuration that does not read is left to the command, which says what is wrong with it.
 */
export async function readEarlyFor(argv: string[], env: Env, cwd: string, dirs: string[]): Promise<boolean> {
  if (dirs.length === 0) return false;
  let noCache: boolean;
  try {
    noCache = parseArgs({ args: argv, options: { 'no-cache': { type: 'boolean' } }, strict: false, allowPositionals: true }).values['no-cache'] === true;
  } catch {
    return false;
  }
  // The usual warm run (its cache where RDOBOT_DATA_DIR, which the environment's value wins for, puts it) is known
  // without reading the configuration, which would otherwise be loaded before the luxon settings and the rest.
  const given = env.RDOBOT_DATA_DIR;
  if (!noCache && env.RDOBOT_CACHE === undefined && given && existsSync(cacheIn(resolve(cwd, given)))) return false;
  let cacheFile: string | undefined;
  try {
    const config = (await import('../config/load.js')).loadConfig(env, cwd);
    ahead = { env, cwd, config };
    cacheFile = oneShotCacheFile(config, noCache);
  } catch {
    return false;
  }
  if (cacheFile !== undefined && existsSync(cacheFile)) return false;
  readEarly(dirs[0]);
  return true;
}
