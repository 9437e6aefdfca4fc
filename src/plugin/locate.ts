import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** Where a plugin named in RDOBOT_PLUGINS was found. */
export interface PluginLocation {
  /** As listed. */
  given: string;
  /** Its folder (the package's). */
  dir: string;
  /** The module to import. */
  entry: string;
}

export interface LocateOptions {
  /** Folders listed relatively are taken from here. */
  cwd: string;
  /** Where `npm install` put plugin packages (RDOBOT_PLUGIN_DIR), looked in first. */
  pluginDir?: string;
  /** rdobot's own install, where a package installed beside it is found. */
  rdobotRoot: string;
}

/** A folder is written as a path (`./hello`, `/srv/plugins/hello`, `plugins/hello`); anything else names a package. */
export const isFolder = (given: string): boolean => /^[./~]/.test(given) || (given.includes('/') && !given.startsWith('@'));

/** The conditions an ES module import matches in a package's `exports`, in the order Node tries them. */
const CONDITIONS = ['import', 'node', 'default'];

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (Array.isArray(exports)) return exports.map(exportTarget).find(Boolean);
  if (!exports || typeof exports !== 'object') return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return exportTarget(map['.']);
  for (const condition of CONDITIONS) if (condition in map) return exportTarget(map[condition]);
  return undefined;
}

/** A folder's module, as Node would load the package: its `exports` ("."), else `main`, else index.js. */
export function folderEntry(dir: string): string {
  const manifest = join(dir, 'package.json');
  let target = 'index.js';
  if (existsSync(manifest)) {
    let pkg: { exports?: unknown; main?: unknown };
    try {
      pkg = JSON.parse(readFileSync(manifest, 'utf8')) as typeof pkg;
    } catch (err) {
      throw new Error(`${manifest} is not JSON (${(err as Error).message.split('\n')[0]})`);
    }
    target = exportTarget(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  }
  const entry = resolve(dir, target);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist`);
  return entry;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder of an installed package: in the plugin directory's node_modules, else in those of rdobot's install. */
function packageDir(name: string, options: LocateOptions): string | undefined {
  const bases = [options.pluginDir && resolve(options.cwd, options.pluginDir), options.rdobotRoot].filter((b): b is string => Boolean(b));
  for (const base of bases) {
    // Node's own lookup (node_modules here, then in each parent), without loading anything.
    const paths = createRequire(join(base, 'noop.js')).resolve.paths(name) ?? [];
    const found = paths.map((p) => join(p, name)).find((dir) => existsSync(join(dir, 'package.json')));
    if (found) return found;
  }
  return undefined;
}

/** Find what RDOBOT_PLUGINS names; throws with a one-line reason. */
export function locatePlugin(given: string, options: LocateOptions): PluginLocation {
  if (isFolder(given)) {
    const dir = resolve(options.cwd, given.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
    if (!isDir(dir)) throw new Error(`no folder ${dir}`);
    return { given, dir, entry: folderEntry(dir) };
  }
  const dir = packageDir(given, options);
  if (!dir) {
    const where = options.pluginDir ? `in ${resolve(options.cwd, options.pluginDir)} (RDOBOT_PLUGIN_DIR) or beside rdobot` : 'beside rdobot (set RDOBOT_PLUGIN_DIR to where you ran npm install)';
    throw new Error(`no package ${given} installed ${where}`);
  }
  return { given, dir, entry: folderEntry(dir) };
}
