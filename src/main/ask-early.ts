import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEarly } from '../archive/listing.js';
import { loadConfig, type CoreConfig } from '../config/load.js';
import type { Env } from '../core/adapter-context.js';
import { privateTempDir } from '../base/private-dir.js';

/**
 * Where one-shot mode keeps parsed posts: RDOBOT_DATA_DIR/cache when the data directory is given, else a private
 * directory under the system's temporary one; none with --no-cache or RDOBOT_CACHE=off.
 */
export function oneShotCacheFile(config: CoreConfig, noCache = false): string | undefined {
  if (noCache || !config.cache) return undefined;
  if (config.dataDirGiven) return join(config.dataDir, 'cache', 'posts.sqlite');
  const dir = privateTempDir(tmpdir());
  return dir ? join(dir, 'posts-cache.sqlite') : undefined;
}

/** The configuration read ahead (see readEarlyFor), for the one-shot run of this environment and directory. */
let ahead: { env: Env; cwd: string; config: CoreConfig } | undefined;

/** The configuration read ahead for this environment and directory (once), else read now: it is read once a run. */
export function oneShotConfig(env: Env, cwd: string): CoreConfig {
  const read = ahead;
  ahead = undefined;
  return read && read.env === env && read.cwd === cwd ? read.config : loadConfig(env, cwd);
}

/**
 * For `rdobot ask` (its arguments after `ask`), with `dirs` its `--archive` directories being listed early
 * (listEarlyFor): whether this run will read the first of them whole, as a first run does with no post cache yet (or
 * with none at all); then a reading thread is started ahead for it (readEarly: it ends at once if the directory holds
 * too few files to need one) while the modules load. A run with a cache file starts nothing: most of its files are
 * likely cached. A configuration that does not read is left to the command, which says what is wrong with it.
 */
export function readEarlyFor(argv: string[], env: Env, cwd: string, dirs: string[]): boolean {
  if (dirs.length === 0) return false;
  let cacheFile: string | undefined;
  try {
    const config = loadConfig(env, cwd);
    ahead = { env, cwd, config };
    const { values } = parseArgs({ args: argv, options: { 'no-cache': { type: 'boolean' } }, strict: false, allowPositionals: true });
    cacheFile = oneShotCacheFile(config, values['no-cache'] === true);
  } catch {
    return false;
  }
  if (cacheFile !== undefined && existsSync(cacheFile)) return false;
  readEarly(dirs[0]);
  return true;
}
