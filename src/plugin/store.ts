import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openStateDb } from '../base/sqlite.js';
import type { PluginStore } from './api.js';

/** Every plugin store's first step: its key-value table. The plugin's own steps follow. */
const KEY_VALUE = 'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

type Param = string | number | null;

/** A plugin's own SQLite file (or `:memory:`), brought to the version of its steps. */
export function openPluginStore(file: string, plugin: string, steps: readonly string[]): PluginStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = openStateDb(file, { steps: [KEY_VALUE, ...steps], holds: `the data of plugin ${plugin}` });
  return {
    version: steps.length,
    get<T>(key: string): T | undefined {
      const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value ?? null));
    },
    delete(key: string): boolean {
      return Number(db.prepare('DELETE FROM kv WHERE key = ?').run(key).changes) > 0;
    },
    keys(prefix = ''): string[] {
      // Compared as text, not LIKE: a key may hold '%' or '_'.
      return (db.prepare('SELECT key FROM kv WHERE substr(key, 1, ?) = ? ORDER BY key').all(prefix.length, prefix) as { key: string }[]).map((r) => r.key);
    },
    run(sql: string, ...params: Param[]): { changes: number } {
      return { changes: Number(db.prepare(sql).run(...params).changes) };
    },
    all<Row>(sql: string, ...params: Param[]): Row[] {
      // Plain objects (node:sqlite's rows have no prototype): what a plugin compares, spreads or logs.
      return db.prepare(sql).all(...params).map((row) => ({ ...row })) as Row[];
    },
  };
}
