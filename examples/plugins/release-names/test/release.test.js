import assert from 'node:assert/strict';
import { test } from 'node:test';
import plugin from '../index.js';

/** The commands as rdobot builds them, with these settings over the defaults. */
function commands(settings = {}) {
  const defaults = Object.fromEntries(Object.entries(plugin.settings).map(([key, spec]) => [key, spec.default]));
  return plugin.commands({ name: plugin.name, settings: { ...defaults, ...settings } });
}

/** What rdobot hands a command; "now" is pinned. */
const asked = (release, today = '2026-11-25') => ({
  args: { release },
  now: { toISODate: () => today },
  command: (line) => `!${line}`,
});

const [release, list] = commands();

test('answers a release name with its version and date', () => {
  assert.equal(release.handler(asked('caracal')).text, 'Caracal is 2024.1, released 2024-04-03 (a SLURP release: an upgrade may skip the one before it).');
});

test('answers a version with the release name first', () => {
  assert.equal(release.handler(asked('2023.2')).text, '2023.2 is Bobcat, released 2023-10-04.');
});

test('says an unknown release as the asker\'s mistake, with what to try', () => {
  assert.throws(() => release.handler(asked('zebra')), { name: 'BotError', code: 'NOT_FOUND', message: 'No OpenStack release called zebra. Try !release list.' });
});

test('lists every release newest first', () => {
  const reply = list.handler(asked(undefined));
  assert.equal(reply.items[0].title, 'Flamingo 2025.2');
  assert.equal(reply.items.at(-1).title, 'Austin 2010.1');
});

test('adds the releases of the `more` setting, due until their date', () => {
  const [withMore] = commands({ more: ['gazpacho:2026.1:2026-04-01'] });
  assert.equal(withMore.handler(asked(undefined, '2026-01-10')).text, 'The latest OpenStack release is Flamingo 2025.2, released 2025-10-01. Next: Gazpacho 2026.1, due 2026-04-01.');
  assert.match(withMore.handler(asked('gazpacho', '2026-01-10')).text, /^Gazpacho is 2026\.1, due 2026-04-01/);
});
