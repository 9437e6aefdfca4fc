import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/base/errors.js';
import { parseRate } from '../../src/config/rate.js';
import { DEFAULT_RATE_LIMITS } from '../../src/core/rate-limit.js';
import { fixtureBot } from '../helpers/bot.js';
import { throughShell } from '../helpers/shell.js';

/** A directory to load the configuration from (no .env), with an optional rdobot.yml. */
function cwd(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-rate-'));
  if (yaml !== undefined) writeFileSync(join(dir, 'rdobot.yml'), yaml);
  return dir;
}

const configError = (env: Record<string, string>, dir = cwd()) => {
  try {
    loadConfig(env, dir);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `a ConfigError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('the configuration was accepted');
};

/** Ask `times` times as one user in one channel; the texts of the replies (null: silence). */
async function askRepeatedly(bot: Awaited<ReturnType<typeof fixtureBot>>, times: number, message = {}) {
  const texts: (string | null)[] = [];
  for (let i = 0; i < times; i++) texts.push((await bot.ask('!version', { user: { id: 'mallory', name: 'mallory', verified: true }, ...message }))?.text ?? null);
  return texts;
}

describe('abuse limits as settings', () => {
  it('reads RDOBOT_RATE_USER and RDOBOT_RATE_CHANNEL as a burst and a refill time, or off', () => {
    const config = loadConfig({ RDOBOT_RATE_USER: '3/10s', RDOBOT_RATE_CHANNEL: 'off' }, cwd());
    assert.deepEqual(config.rate, { perUser: { burst: 3, refillSeconds: 10 }, perRoom: null, limitLocal: false });
    assert.deepEqual(parseRate('10/500ms'), { burst: 10, refillSeconds: 0.5 });
    assert.deepEqual(parseRate(' 2 / 1m '), { burst: 2, refillSeconds: 60 });
    assert.deepEqual(parseRate('OFF'), null);
  });

  it('keeps the documented defaults when nothing is set: 10 then one per 2 s per user, 30 then one per second per channel', () => {
    assert.deepEqual(loadConfig({}, cwd()).rate, DEFAULT_RATE_LIMITS);
    assert.deepEqual(DEFAULT_RATE_LIMITS, { perUser: { burst: 10, refillSeconds: 2 }, perRoom: { burst: 30, refillSeconds: 1 }, limitLocal: false });
  });

  it('stops at start-up on a bad value, naming the setting, the value and what it expects', () => {
    for (const bad of ['5 per 6s', '0/6s', '5/', '5/0s', 'fast', '5/6 fortnights', '-1/6s']) {
      const message = configError({ RDOBOT_RATE_USER: bad });
      assert.equal(message, `config error: RDOBOT_RATE_USER: got '${bad}', expected a burst and a refill time such as 5/6s (5 commands at once, then one every 6 s), or off`);
    }
    assert.match(configError({ RDOBOT_RATE_CHANNEL: 'twenty' }), /^config error: RDOBOT_RATE_CHANNEL: got 'twenty', expected a burst and a refill time such as 5\/6s/);
    assert.equal(configError({ RDOBOT_RATE_SHELL: 'sometimes' }), "config error: RDOBOT_RATE_SHELL: got 'sometimes', expected on or off");
  });

  it('reads a rate: section of the YAML config, with the environment winning key by key', () => {
    const dir = cwd('rate:\n  user: 2/1m\n  channel: off\n  shell: on\n');
    assert.deepEqual(loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, dir).rate, { perUser: { burst: 2, refillSeconds: 60 }, perRoom: null, limitLocal: true });
    assert.deepEqual(loadConfig({ RDOBOT_CONFIG: 'rdobot.yml', RDOBOT_RATE_USER: 'off' }, dir).rate, { perUser: null, perRoom: null, limitLocal: true });
    assert.deepEqual(loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, cwd('rate: off\n')).rate, { perUser: null, perRoom: null, limitLocal: false });
  });

  it('reports a bad rate in the YAML config by file, line, key and value', () => {
    const dir = cwd('archive: posts\nrate:\n  user: 5/6s\n  channel: lots\n');
    const message = configError({ RDOBOT_CONFIG: 'rdobot.yml' }, dir);
    assert.equal(message, `config error: ${join(dir, 'rdobot.yml')} line 4: rate.channel: got 'lots', expected a burst and a refill time such as 5/6s (5 commands at once, then one every 6 s), or off`);
    assert.match(configError({ RDOBOT_CONFIG: 'rdobot.yml' }, cwd('rate:\n  users: 5/6s\n')), /line 2: rate: got {"users":"5\/6s"}, unknown users: expected off, or a mapping with user, channel/);
    assert.match(configError({ RDOBOT_CONFIG: 'rdobot.yml' }, cwd('rate: sometimes\n')), /line 1: rate: got 'sometimes', expected off, or a mapping/);
  });

  it('answers every command of one user when the per-user and per-channel limits are off', async () => {
    const config = loadConfig({ RDOBOT_RATE_USER: 'off', RDOBOT_RATE_CHANNEL: 'off' }, cwd());
    const bot = await fixtureBot({ rateLimits: config.rate });
    const texts = await askRepeatedly(bot, 40);
    assert.ok(texts.every((t) => t !== null && /^rdobot /.test(t)), 'all 40 answered');
  });

  it('holds a user to a loosened or tightened limit', async () => {
    const bot = await fixtureBot({ rateLimits: loadConfig({ RDOBOT_RATE_USER: '2/1m' }, cwd()).rate });
    const texts = await askRepeatedly(bot, 4);
    assert.match(texts[0]!, /^rdobot /);
    assert.match(texts[1]!, /^rdobot /);
    assert.equal(texts[2]!, 'Slow down, please: mallory, that is more than 2 commands in a short while (then one every 60 s). Try again in 60 s.');
    assert.equal(texts[3], null);
    const loose = await fixtureBot({ rateLimits: loadConfig({ RDOBOT_RATE_USER: '40/1s' }, cwd()).rate });
    assert.ok((await askRepeatedly(loose, 29)).every((t) => t !== null && /^rdobot /.test(t)), 'within the channel limit of 30');
  });

  it('does not limit the operator at the bot\'s own terminal, by default', async () => {
    const { context } = await fixtureBot({ rateLimits: DEFAULT_RATE_LIMITS });
    const answers = await throughShellLines(context, 60);
    assert.equal(answers.filter((l) => /^rdobot \d/.test(l)).length, 60);
    assert.ok(!answers.some((l) => /Slow down/.test(l)));
  });

  it('limits the terminal too when RDOBOT_RATE_SHELL=on', async () => {
    const rate = loadConfig({ RDOBOT_RATE_SHELL: 'on' }, cwd()).rate;
    const { context } = await fixtureBot({ rateLimits: rate });
    const answers = await throughShellLines(context, 15);
    assert.equal(answers.filter((l) => /^rdobot \d/.test(l)).length, 10);
    assert.equal(answers.filter((l) => /^Slow down, please/.test(l)).length, 1);
  });
});

/** Pipe `count` `!version` lines through the shell adapter; the lines it prints. */
async function throughShellLines(context: Awaited<ReturnType<typeof fixtureBot>>['context'], count: number): Promise<string[]> {
  return (await throughShell(context, '!version\n'.repeat(count))).split('\n');
}
