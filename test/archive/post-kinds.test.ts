import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { measure, measureLines, parseLabels } from '../../src/archive/classify/eval.js';
import { verdict } from '../../src/archive/classify/explain.js';
import { POST_KINDS } from '../../src/archive/classify/post-kinds.js';
import { classifyConfig } from '../../src/archive/classify/config.js';
import { loadConfig } from '../../src/config/load.js';
import { fixtureBot } from '../helpers/bot.js';

/** Every place that lists the post kinds takes them from POST_KINDS: a kind added there cannot be forgotten here. */
describe('the one list of post kinds', () => {
  const configWith = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-kinds-'));
    writeFileSync(join(dir, 'rdobot.yml'), yaml);
    return classifyConfig(loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, dir));
  };

  for (const kind of POST_KINDS) {
    describe(`the ${kind.name} kind`, () => {
      it('has built-in rules that argue for it', () => {
        assert.ok(DEFAULT_CLASSIFY.rules.some((r) => r.kind === kind.name && r.weight > 0));
      });

      it('is taken by the config file, in a rule and in a threshold', () => {
        const c = configWith(`classify:\n  thresholds: {${kind.name}: 7}\n  rules:\n    - {kind: ${kind.name}, field: title, pattern: "^zzz", weight: 1}\n`);
        assert.equal(c.thresholds![kind.name], 7);
        assert.equal(c.rules.at(-1)!.kind, kind.name);
      });

      it('is scored and explained by its label', () => {
        const score = new Classifier().explain({ title: 'zzz', tags: [], body: '', media: [] }).scores.find((s) => s.kind === kind.name);
        assert.ok(score, 'the classifier scores every kind');
        assert.match(verdict(score), new RegExp(`^${kind.label}: no, 0 \\(needs \\d+\\)$`));
      });

      it('is read from a labels file and measured', () => {
        const labels = parseLabels(`some-post:\n  kinds: [${kind.labelKey}]\n`);
        assert.deepEqual(labels.get('some-post')!.kinds, [kind.name]);
        const lines = measureLines('check', measure([{ key: 'some-post', kinds: [kind.name] }], labels));
        assert.ok(lines.some((l) => l.trimStart().startsWith(`${kind.name} `) && l.includes('(1 of 1 found, 0 wrongly)')), lines.join('\n'));
      });

      it('is named by words that the plain-language reader knows', async () => {
        const { ask } = await fixtureBot();
        for (const word of kind.words) {
          const reply = await ask(`!explain the next ${word}?`);
          assert.doesNotMatch(reply!.text, /No command fits/, `no intent knows '${word}'`);
        }
      });

      it('is named in the help of !post why', async () => {
        const { ask } = await fixtureBot();
        assert.match(JSON.stringify(await ask('!help post why')), new RegExp(`\\b${kind.short}\\b`));
      });
    });
  }
});
