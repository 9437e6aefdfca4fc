import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateTempDir } from '../base/private-dir.js';
import type { CoreConfig } from '../config/load.js';

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
