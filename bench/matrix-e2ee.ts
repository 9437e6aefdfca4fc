/**
 * End-to-end encryption cost on the Matrix adapter, against the homeserver stand-in on 127.0.0.1: `PEERS` people (each a
 * matrix-js-sdk client with Rust crypto) ask in one encrypted room. Measured: the encrypted round trip of `!about`, the
 * size of the crypto store file with that many Olm/Megolm sessions, how long one durable save of it takes (it is
 * written before each sync position that carried room keys), and a restart until ready (keys restored).
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoPersistence, CryptoStoreFile } from '../adapters/matrix/crypto-store.js';
import { fixtureBot } from '../test/helpers/bot.js';
import { E2eePeer } from '../test/helpers/matrix-e2ee-peer.js';
import { BOT, MatrixFixture, OP } from '../test/helpers/matrix-fixture.js';
import { percentile } from './stats.js';

export async function main(peers = Number(process.env.MATRIX_E2EE_BENCH_PEERS ?? 20), rounds = 3): Promise<void> {
  const fx = await new MatrixFixture().setUp((await fixtureBot({ dataDir: mkdtempSync(join(tmpdir(), 'rdobot-bench-e2ee-')) })).context);
  const people: E2eePeer[] = [];
  try {
    const users = Array.from({ length: peers }, (_, i) => `@p${i}:hs.test`);
    for (const u of users) fx.hs.addUser(u, { displayname: u });
    const room = fx.hs.createRoom({ name: 'secret', creator: OP, members: users, encrypted: true });
    const adapter = await fx.startBot({ rooms: [room], pollTimeoutMs: 2000 });
    for (const u of users) people.push(await E2eePeer.start(fx.hs, u));
    for (const p of people) await p.sees(fx.hs, room, BOT);
    const first: number[] = [];
    const later: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const p of people) {
        const started = performance.now();
        const asked = await p.say(room, '!about');
        await p.replyTo(fx.hs, room, asked, BOT, 20000);
        (r === 0 ? first : later).push(performance.now() - started);
      }
    }
    await adapter.stop();
    const file = new CryptoStoreFile(fx.context.dataDir, undefined);
    const size = statSync(file.path).size;
    const sessionSize = statSync(join(fx.context.dataDir, 'matrix-session.json')).size;
    const persistence = new CryptoPersistence(file, { userId: BOT, deviceId: (await file.load())!.deviceId });
    await persistence.restore((await file.load())!);
    const saves: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await persistence.save();
      saves.push(performance.now() - started);
    }
    await persistence.close();
    const restartStarted = performance.now();
    await fx.startBot({ rooms: [room], pollTimeoutMs: 2000 });
    const restart = performance.now() - restartStarted;
    console.log(`matrix-e2ee (${peers} people with Rust crypto in one encrypted room, homeserver stand-in on 127.0.0.1):`);
    console.log(`  first ask per person (Olm session + room key): p50 ${percentile(first, 50).toFixed(1)} ms   max ${Math.max(...first).toFixed(1)} ms`);
    console.log(`  later asks: p50 ${percentile(later, 50).toFixed(1)} ms   p99 ${percentile(later, 99).toFixed(1)} ms`);
    console.log(`  crypto-store.bin: ${(size / 1024).toFixed(1)} KiB   one durable save: p50 ${percentile(saves, 50).toFixed(1)} ms   max ${Math.max(...saves).toFixed(1)} ms`);
    console.log(`  matrix-session.json (position and rooms' state, ${peers + 2} members): ${(sessionSize / 1024).toFixed(1)} KiB`);
    console.log(`  restart until ready (store restored, keys confirmed on the server): ${restart.toFixed(0)} ms`);
  } finally {
    for (const p of people) p.stop();
    await fx.tearDown();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
