import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * A state database under the data dir: write-ahead log (readers never wait for the writer), a short busy wait for a
 * second connection, and the schema applied. `:memory:` for tests.
 */
export function openStateDb(file: string, schema: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; ${schema}`);
  return db;
}
