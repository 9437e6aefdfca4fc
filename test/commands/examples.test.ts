/**
 * Every example a built-in family gives in its help (`examples` of each spec; a command without any and without a
 * required argument is asked as it is) is asked of the fixture bot, "now"
 * pinned, and its answer pinned as plain text in test/golden/examples/<family>.txt: the help shows only examples that
 * work, and a change of an answer shows in review. One file per family, so a new family adds its own and edits none
 * of the others'. To accept a change on purpose, run with UPDATE_GOLDEN=1 and review the diff like code.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_PLUGINS } from '../../commands/index.js';
import type { CommandSpec } from '../../src/core/types.js';
import { PROJECT_ROOT } from '../../src/base/paths.js';
import { VERSION } from '../../src/main/compose.js';
import { renderLines } from '../../src/present/render-text.js';
import { fixtureBot } from '../helpers/bot.js';
import { GOLDEN_ROOT } from '../helpers/replies.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIR = join(GOLDEN_ROOT, 'examples');

/** What changes with the machine, the run or the release, not with the family: said as a placeholder. */
const steady = (text: string) =>
  text
    .replaceAll(PROJECT_ROOT, '<root>/')
    .replaceAll(VERSION, '<version>')
    .replaceAll(`Node.js ${process.versions.node}`, 'Node.js <node>')
    .replace(/\b\d+ ms\b/g, '<n> ms')
    .replace(/\bup [^·]+(?= ·)/g, 'up <uptime>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<instant>');

/** A command that gives no example but needs no argument is its own example (`!about`, `!status`). */
const asIs = (spec: CommandSpec) => (spec.args?.some((a) => a.required) ? [] : [`${spec.family} ${spec.name}`.trim()]);

describe('every example of every built-in family answers as in test/golden/examples', () => {
  for (const plugin of BUILT_IN_PLUGINS) {
    it(`${plugin.name}: its examples read as in test/golden/examples/${plugin.name}.txt`, async () => {
      // A bot of its own: what one family's examples change (a zone, a reminder) never shows in another's answers.
      const t = await fixtureBot({ admins: ['test:tester'] });
      try {
        const specs = t.bot.plugins.find((p) => p.name === plugin.name)!.commands;
        const examples = specs.flatMap((s) => s.examples ?? asIs(s));
        const answers: string[] = [];
        for (const example of examples) {
          const reply = await t.ask(`!${example}`);
          answers.push(`> !${example}\n${reply ? steady(renderLines(reply).join('\n')) : '(no answer)'}\n`);
        }
        const text = answers.join('\n');
        const file = join(DIR, `${plugin.name}.txt`);
        if (UPDATE || !existsSync(file)) {
          mkdirSync(DIR, { recursive: true });
          writeFileSync(file, text);
          if (!UPDATE) assert.fail(`wrote a new golden file ${file}: review it and run again`);
        }
        assert.equal(text, readFileSync(file, 'utf8'));
      } finally {
        t.bot.close();
      }
    });
  }
});
