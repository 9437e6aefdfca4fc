import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder outside the repository for plugins written by a test. */
export const pluginsRoot = (): string => mkdtempSync(join(tmpdir(), 'rdobot-plugins-'));

/** A plugin folder: its index.js (ES module) and a package.json saying so. */
export function pluginFolder(root: string, dir: string, index: string, pkg: Record<string, unknown> = {}): string {
  const path = join(root, dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'package.json'), JSON.stringify({ name: dir, version: '1.0.0', type: 'module', ...pkg }));
  writeFileSync(join(path, 'index.js'), index);
  return path;
}

/** index.js of a plugin with one command answering `text`. */
export const onePlugin = (name: string, text: string, extra = ''): string =>
  `export default { name: '${name}', version: '1.0.0', ${extra} commands: () => [{ family: '${name}', name: '', summary: 'say ${text}', handler: () => ({ kind: 'answer', text: '${text}' }) }] };\n`;
