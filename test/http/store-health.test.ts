import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpEndpoint } from '../../src/http/server.js';
import { fixtureBot } from '../helpers/bot.js';

describe('/healthz names stores found lost', function () {
  this.timeout(20_000);

  it('is degraded and names a meetings.sqlite that held data and was found empty, until its note is removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-health-stores-'));
    const first = await fixtureBot({ dataDir });
    first.bot.meetings.store.start({ network: 'irc', room: '#rdo', name: 'weekly', started: 1, starter: 'alice', chairs: '[]', definition: null, series: 'weekly' });
    first.bot.close();
    truncateSync(join(dataDir, 'meetings.sqlite'), 0);

    const t = await fixtureBot({ dataDir });
    const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0 });
    const port = await http.start();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      const body = (await res.json()) as { status: string; stores: { count: number; first: { store: string; kind: string; message: string }[] } };
      assert.equal(res.status, 503);
      assert.equal(body.status, 'degraded');
      assert.equal(body.stores.count, 1);
      assert.deepEqual([body.stores.first[0].store, body.stores.first[0].kind], ['meetings.sqlite', 'empty']);
      assert.match(body.stores.first[0].message, /meetings\.sqlite held data and is empty \(zero bytes\): what remained is kept in .*set-aside/);
      // The operator has looked: the note goes, and so does the warning.
      for (const n of readdirSync(join(dataDir, 'set-aside')).filter((f) => f.endsWith('.txt'))) rmSync(join(dataDir, 'set-aside', n));
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    } finally {
      await http.stop();
      t.bot.close();
    }
  });
});
