import { DatabaseSync } from 'node:sqlite';
import { privateFile, StateError, stateProblem } from './state-files.js';

/**
 * A state database under the data dir: private (0600 in a 0700 directory), write-ahead log (readers never wait for the
 * writer), a short busy wait for a second connection, and the schema applied. `:memory:` for tests. A file that cannot
 * be opened is a StateError whose message names the file, what is wrong and what to do; the file is left as it was.
 * `holds` says what is in it, for that message ("subscriptions, time zones and reminders").
 */
export function openStateDb(file: string, schema: string, holds = 'the state'): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    if (file !== ':memory:') privateFile(file);
    db = new DatabaseSync(file);
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; ${schema}`);
    if (file !== ':memory:') privateFile(file);
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // Closing a connection that failed to open is best effort.
    }
    throw new StateError(stateProblem(file, err, holds));
  }
}
