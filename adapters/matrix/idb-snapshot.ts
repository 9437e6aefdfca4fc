/**
 * The IndexedDB databases the Rust crypto keeps (on fake-indexeddb, in memory) as one value, and back: the
 * snapshot is what lands on disk. Read in one read-only transaction per database, so it is a consistent view
 * of what the crypto had committed when it was taken.
 */
import 'fake-indexeddb/auto';

// The project compiles without the DOM library: the few IndexedDB shapes used here, as the standard defines them.
type IDBValidKey = unknown;
interface IDBRequest<T = unknown> {
  result: T;
  error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IDBOpenDBRequest extends IDBRequest<IDBDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IDBIndex {
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
interface IDBObjectStore {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexNames: Iterable<string>;
  index(name: string): IDBIndex;
  getAllKeys(): IDBRequest<IDBValidKey[]>;
  getAll(): IDBRequest<unknown[]>;
  put(value: unknown, key?: IDBValidKey): IDBRequest;
  createIndex(name: string, keyPath: string | string[], options: { unique: boolean; multiEntry: boolean }): IDBIndex;
}
interface IDBTransaction {
  error: Error | null;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  objectStore(name: string): IDBObjectStore;
}
interface IDBDatabase {
  version: number;
  objectStoreNames: Iterable<string>;
  transaction(names: string[], mode: 'readonly' | 'readwrite'): IDBTransaction;
  createObjectStore(name: string, options: { keyPath: string | string[] | null; autoIncrement: boolean }): IDBObjectStore;
  close(): void;
}
interface IDBFactory {
  open(name: string, version?: number): IDBOpenDBRequest;
  deleteDatabase(name: string): IDBRequest;
  databases(): Promise<{ name?: string }[]>;
}
/** fake-indexeddb/auto installed it as a global: the Rust crypto checks `instanceof IDBDatabase` on globals. */
const indexedDB = (globalThis as unknown as { indexedDB: IDBFactory }).indexedDB;

interface IndexShape {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

interface StoreShape {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexShape[];
  /** [key, value] pairs, in key order. */
  records: [IDBValidKey, unknown][];
}

export interface DatabaseSnapshot {
  /** The name without the per-run prefix. */
  name: string;
  version: number;
  stores: StoreShape[];
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function open(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const request = indexedDB.open(name, version);
  if (upgrade) request.onupgradeneeded = () => upgrade(request.result);
  return done(request);
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every database whose name starts with `prefix`, read whole. */
export async function takeSnapshot(prefix: string): Promise<DatabaseSnapshot[]> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  const out: DatabaseSnapshot[] = [];
  for (const name of names.sort()) {
    const db = await open(name);
    try {
      const storeNames = [...db.objectStoreNames];
      const stores: StoreShape[] = [];
      if (storeNames.length > 0) {
        const tx = db.transaction(storeNames, 'readonly');
        for (const storeName of storeNames) {
          const store = tx.objectStore(storeName);
          const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
          stores.push({
            name: storeName,
            keyPath: store.keyPath,
            autoIncrement: store.autoIncrement,
            indexes: [...store.indexNames].map((i) => {
              const index = store.index(i);
              return { name: i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
            }),
            records: keys.map((k, n) => [k, values[n]]),
          });
        }
        await finished(tx);
      }
      out.push({ name: name.slice(prefix.length), version: db.version, stores });
    } finally {
      db.close();
    }
  }
  return out;
}

/** Recreate the databases of a snapshot under `prefix` (which must not exist yet). */
export async function restoreSnapshot(prefix: string, snapshot: DatabaseSnapshot[]): Promise<void> {
  for (const shape of snapshot) {
    const db = await open(`${prefix}${shape.name}`, shape.version, (created) => {
      for (const s of shape.stores) {
        const store = created.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    });
    try {
      if (shape.stores.length === 0) continue;
      const tx = db.transaction(shape.stores.map((s) => s.name), 'readwrite');
      for (const s of shape.stores) {
        const store = tx.objectStore(s.name);
        for (const [key, value] of s.records) {
          if (s.keyPath === null) store.put(value, key);
          else store.put(value);
        }
      }
      await finished(tx);
    } finally {
      db.close();
    }
  }
}

/**
 * Drop the databases under `prefix` (the process's copy; the file on disk is the store). A connection the crypto
 * still holds would block the deletion: it is given up on after `waitMs` rather than holding up a stop.
 */
export async function dropDatabases(prefix: string, waitMs = 500): Promise<void> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  const drops = Promise.all(names.map((name) => done(indexedDB.deleteDatabase(name)).catch(() => undefined)));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([drops, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
}
