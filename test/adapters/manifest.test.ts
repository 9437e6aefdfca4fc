import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NETWORKS } from '../../adapters/index.js';
import { adaptersSetting } from '../../src/config/env-schema.js';
import { isTarget, targetExamples } from '../../adapters/targets.js';
import { prepareAdapters, startAdapters } from '../../src/main/adapters-start.js';
import { fixtureBot, FIXTURE_LATEST } from '../helpers/bot.js';
import { TOY, toyChat } from '../helpers/toy-network.js';

const WITH_TOY = [...NETWORKS, TOY];
const DOC = fileURLToPath(new URL('../../../docs/networks/adding-a-network.md', import.meta.url));
const TOY_SOURCE = fileURLToPath(new URL('../../../test/helpers/toy-network.ts', import.meta.url));

describe('the network manifest (adapters/index.ts): a network is one entry', () => {
  // Derived from the list, not pinned: a new network's entry changes none of these tests.
  const names = NETWORKS.map((n) => n.name);
  it('lists each network once, the shell first, each with a target example of its own name', () => {
    assert.equal(new Set(names).size, names.length);
    assert.equal(names[0], 'shell');
    assert.ok(['irc', 'matrix', 'slack'].every((n) => names.includes(n)));
    for (const n of NETWORKS) assert.ok(isTarget(n.target.example) && n.target.example.startsWith(`${n.name}:`), n.target.example);
    assert.match(targetExamples(), /^irc:#rdo, matrix:!room:server.* or [a-z]+:\S+$/);
  });

  it('takes a toy network in RDOBOT_ADAPTERS once it has an entry, and only then', () => {
    assert.deepEqual(adaptersSetting(WITH_TOY).parse('shell, toy'), ['shell', 'toy']);
    const refused = adaptersSetting(NETWORKS).safeParse('shell,toy');
    assert.equal(refused.success, false);
    assert.ok(refused.error!.issues[0].message.includes(`expected a comma list of ${names.join(', ')}`), refused.error!.issues[0].message);
  });

  it("checks the toy network's targets by its own room syntax", () => {
    assert.ok(isTarget('toy:~lobby', WITH_TOY));
    assert.ok(!isTarget('toy:lobby', WITH_TOY));
    assert.ok(!isTarget('toy:~lobby'), 'not a target before the network has an entry');
    assert.ok(isTarget('irc:#rdo') && !isTarget('irc:') && !isTarget('#rdo') && !isTarget('discord:#rdo'));
  });

  it('loads, checks and starts the toy network from its entry alone, and it answers like any network', async () => {
    const { bot } = await fixtureBot();
    const config = { adapters: ['toy'], env: { TOY_ROOM: '~lobby' }, dataDir: mkdtempSync(join(tmpdir(), 'rdobot-toy-')), http: null };
    await assert.rejects(prepareAdapters({ ...config, env: {} }, WITH_TOY), /TOY_ROOM is required/);
    await assert.rejects(prepareAdapters(config), /adapter 'toy' is not available/);
    const live = await startAdapters(bot, await prepareAdapters(config, WITH_TOY), () => {});
    assert.deepEqual(live.map((a) => a.name), ['toy']);
    await toyChat.say('alice', 'lovely weather');
    await toyChat.say('alice', '!interview latest');
    assert.equal(toyChat.heard.length, 1);
    assert.match(toyChat.heard[0], new RegExp(FIXTURE_LATEST.title));
    bot.close();
  });

  it('is the worked example of docs/networks/adding-a-network.md, as written there', () => {
    const doc = readFileSync(DOC, 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.equal(code, readFileSync(TOY_SOURCE, 'utf8'));
  });
});
