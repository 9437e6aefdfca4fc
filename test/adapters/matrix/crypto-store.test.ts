import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ISyncResponse } from 'matrix-js-sdk';
import { pino } from 'pino';
import { BotCrypto } from '../../../adapters/matrix/crypto.js';
import { CryptoPersistence, CryptoStoreFile } from '../../../adapters/matrix/crypto-store.js';
import { restoreSnapshot, takeSnapshot } from '../../../adapters/matrix/idb-snapshot.js';
import { Sealer, SealedFileError, writeDurably } from '../../../adapters/matrix/sealed-file.js';
import { MatrixSessionFile, SyncTokenStore, type MatrixSession } from '../../../adapters/matrix/session.js';

const dir = () => mkdtempSync(join(tmpdir(), 'rdobot-matrix-crypto-'));
const sync = (token: string, extra: Partial<ISyncResponse> = {}) => ({ next_batch: token, ...extra }) as ISyncResponse;
const IDENTITY = { userId: '@rdobot:hs.test', deviceId: 'DEV1' };
const quiet = pino({ level: 'silent' });

function readSession(d: string): MatrixSession {
  return JSON.parse(readFileSync(join(d, 'matrix-session.json'), 'utf8')) as MatrixSession;
}

/** A small database like the Rust crypto's: in-line and out-of-line keys, an index, bytes. */
async function makeDatabase(prefix: string): Promise<void> {
  const idb = (globalThis as unknown as { indexedDB: { open(n: string, v: number): { result: unknown; onupgradeneeded: () => void; onsuccess: () => void } } }).indexedDB;
  const request = idb.open(`${prefix}crypto`, 3);
  type Db = { createObjectStore(n: string, o?: object): { createIndex(n: string, k: string, o: object): void; put(v: unknown, k?: unknown): void }; close(): void; transaction(n: string[], m: string): { objectStore(n: string): { put(v: unknown, k?: unknown): void }; oncomplete: () => void } };
  await new Promise<void>((resolve) => {
    request.onupgradeneeded = () => {
      const db = request.result as Db;
      db.createObjectStore('core');
      db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('by_sender', 'sender', { unique: false, multiEntry: false });
    };
    request.onsuccess = () => {
      const db = request.result as Db;
      const tx = db.transaction(['core', 'sessions'], 'readwrite');
      tx.objectStore('core').put(new Uint8Array([1, 2, 3]), 'account');
      tx.objectStore('sessions').put({ id: 's1', sender: 'curve', pickle: 'p' });
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
    };
  });
}

describe('Matrix crypto store: persistence order and privacy', () => {
  it('saves the crypto store before the sync position, after the sync was processed', async () => {
    const d = dir();
    const file = new MatrixSessionFile(d);
    const session: MatrixSession = { homeserverUrl: 'http://hs', userId: IDENTITY.userId, syncToken: 's1' };
    await file.save(session);
    const order: string[] = [];
    const store = new SyncTokenStore(session, file, async () => {
      // The position on disk is still the old one while the store is written.
      order.push(`crypto saved while the position on disk is ${readSession(d).syncToken}`);
    });
    store.setSyncToken('s2');
    assert.equal(readSession(d).syncToken, 's1', 'setting the token (before processing) saves nothing');
    await store.setSyncData(sync('s2', { to_device: { events: [] } }));
    order.push(`position on disk: ${readSession(d).syncToken}`);
    assert.deepEqual(order, ['crypto saved while the position on disk is s1', 'position on disk: s2']);
  });

  it('keeps the old sync position when the crypto store cannot be saved', async () => {
    const d = dir();
    const file = new MatrixSessionFile(d);
    const session: MatrixSession = { homeserverUrl: 'http://hs', userId: IDENTITY.userId, syncToken: 's1' };
    await file.save(session);
    const errors: unknown[] = [];
    const store = new SyncTokenStore(session, file, () => Promise.reject(new Error('disk full')), (e) => errors.push(e));
    store.setSyncToken('s2');
    await store.setSyncData(sync('s2'));
    assert.equal(readSession(d).syncToken, 's1');
    assert.equal(errors.length, 1);
  });

  it('keeps the rooms state with the position, and gives it back as the saved sync after a restart', async () => {
    const d = dir();
    const file = new MatrixSessionFile(d);
    const session: MatrixSession = { homeserverUrl: 'http://hs', userId: IDENTITY.userId };
    const store = new SyncTokenStore(session, file);
    const encryption = { type: 'm.room.encryption', state_key: '', sender: '@op:hs.test', event_id: '$e', origin_server_ts: 1, content: { algorithm: 'm.megolm.v1.aes-sha2' } };
    store.setSyncToken('s5');
    await store.setSyncData(sync('s5', { rooms: { join: { '!r:hs.test': { state: { events: [encryption] }, timeline: { events: [], prev_batch: 'p' } } } } } as unknown as Partial<ISyncResponse>));
    const again = new SyncTokenStore(readSession(d), file);
    const saved = await again.getSavedSync();
    assert.equal(saved?.nextBatch, 's5');
    assert.deepEqual(saved?.roomsData.join['!r:hs.test'].state?.events?.map((e) => e.type), ['m.room.encryption']);
  });

  it('does not resume a position saved without the rooms state (an older or damaged file): it syncs in full instead', async () => {
    const file = new MatrixSessionFile(dir());
    const old = new SyncTokenStore({ homeserverUrl: 'http://hs', userId: IDENTITY.userId, syncToken: 's9' }, file);
    assert.equal(await old.getSavedSyncToken(), null);
    assert.equal(await old.getSavedSync(), null);
    const damaged = { homeserverUrl: 'http://hs', userId: IDENTITY.userId, syncToken: 's9', sync: { roomsData: 'nonsense', accountData: 7 } } as unknown as MatrixSession;
    assert.equal(await new SyncTokenStore(damaged, file).getSavedSyncToken(), null);
  });

  it('saves the crypto store only for syncs that change it (room keys, device lists)', () => {
    assert.equal(BotCrypto.syncTouchesCrypto(sync('a', { to_device: { events: [{ type: 'm.room.encrypted', sender: '@a:b', content: {} }] } })), true);
    assert.equal(BotCrypto.syncTouchesCrypto(sync('a', { device_lists: { changed: ['@a:b'], left: [] } })), true);
    assert.equal(BotCrypto.syncTouchesCrypto(sync('a', { to_device: { events: [] }, device_one_time_keys_count: { signed_curve25519: 50 } })), false);
  });

  it('writes the store before a key upload or a room key leaves, and not before a plain sync', async () => {
    const d = dir();
    const seen: [string, boolean][] = [];
    const server = createServer((req, res) => {
      seen.push([req.url!.split('?')[0], existsSync(join(d, 'crypto-store.bin'))]);
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const crypto = new BotCrypto(new CryptoStoreFile(d, undefined), IDENTITY, quiet);
      await crypto.fetch(`${base}/_matrix/client/v3/sync`);
      await crypto.fetch(`${base}/_matrix/client/v3/keys/upload`, { method: 'POST', body: '{}' });
      await crypto.fetch(`${base}/_matrix/client/v3/sendToDevice/m.room.encrypted/t1`, { method: 'PUT', body: '{}' });
      assert.deepEqual(seen, [
        ['/_matrix/client/v3/sync', false],
        ['/_matrix/client/v3/keys/upload', true],
        ['/_matrix/client/v3/sendToDevice/m.room.encrypted/t1', true],
      ]);
      await crypto.persistence.close();
    } finally {
      server.close();
    }
  });

  it('restores a snapshot of the crypto databases exactly (keys, indexes, bytes) under a new prefix', async () => {
    const d = dir();
    const first = new CryptoPersistence(new CryptoStoreFile(d, undefined), IDENTITY);
    await makeDatabase(first.prefix);
    await first.save();
    const before = await takeSnapshot(first.prefix);
    const stored = await new CryptoStoreFile(d, undefined).load();
    assert.deepEqual(stored?.deviceId, 'DEV1');
    const second = new CryptoPersistence(new CryptoStoreFile(d, undefined), IDENTITY);
    await second.restore(stored!);
    assert.deepEqual(await takeSnapshot(second.prefix), before);
    assert.deepEqual(before[0].stores.find((s) => s.name === 'core')?.records, [['account', new Uint8Array([1, 2, 3])]]);
    await restoreSnapshot(`${second.prefix}x-`, before);
    await first.close();
    await second.close();
  });

  it('writes private files (0600) atomically, also over an older file with wider bits, leaving no temp file', async () => {
    const d = dir();
    const path = join(d, 'crypto-store.bin');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    await writeDurably(path, Buffer.from('new'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(readdirSync(d), ['crypto-store.bin']);
  });

  it('seals with AES-256-GCM under MATRIX_CRYPTO_KEY: wrong key, missing key and tampering are refused, never taken for no store', () => {
    const secret = Buffer.from('olm account pickle');
    const sealed = new Sealer('a long passphrase for the store').seal(secret);
    assert.ok(!sealed.includes(secret));
    assert.deepEqual(new Sealer('a long passphrase for the store').open(sealed, 'f'), secret);
    assert.throws(() => new Sealer('another passphrase entirely').open(sealed, 'f'), (e: unknown) => e instanceof SealedFileError && /not the key/.test(e.message));
    assert.throws(() => new Sealer(undefined).open(sealed, 'f'), /set MATRIX_CRYPTO_KEY/);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    assert.throws(() => new Sealer('a long passphrase for the store').open(tampered, 'f'), SealedFileError);
    const plain = new Sealer(undefined).seal(secret);
    assert.deepEqual(new Sealer(undefined).open(plain, 'f'), secret);
    assert.throws(() => new Sealer('a long passphrase for the store').open(plain, 'f'), /not encrypted but MATRIX_CRYPTO_KEY is set/);
  });
});
