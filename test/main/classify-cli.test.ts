import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { classifyConfig } from '../../src/archive/classify/config.js';
import { loadConfig } from '../../src/config/load.js';
import { CLI, node, ROOT, run } from '../helpers/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/classify');

function withFile(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-classify-'));
  writeFileSync(join(dir, 'rdobot.yml'), yaml);
  return { dir, config: loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, dir) };
}

const classify = (args: string[], env: Record<string, string> = {}) => run(node, [CLI, 'classify', ...args], '', env);

describe('classify rules in the config file', () => {
  it('keeps the built-in rules when the file says nothing about them', () => {
    assert.equal(classifyConfig(withFile('archive: posts\n').config), DEFAULT_CLASSIFY);
  });

  it('adds rules, macros and words that are never names to the built-in ones, or replaces the rules', () => {
    const added = classifyConfig(
      withFile(
        'classify:\n  threshold: 5\n  not_names: [Flamingo]\n  macros:\n    SHOW: "(?:fireside chat|ask me anything)"\n  rules:\n    - {kind: interview, field: title, pattern: "^{SHOW} with (?<person>{NAMES})$", weight: 5, label: a fireside chat}\n',
      ).config,
    );
    assert.equal(added.threshold, 5);
    assert.equal(added.rules.length, DEFAULT_CLASSIFY.rules.length + 1);
    assert.ok(added.notNames!.includes('Flamingo') && added.notNames!.includes('podcast'));
    assert.equal(added.macros!.SHOW, '(?:fireside chat|ask me anything)');
    const replaced = classifyConfig(withFile('classify:\n  replace: true\n  rules:\n    - {kind: testday, field: title, pattern: "bug day", weight: 4}\n').config);
    assert.deepEqual(replaced.rules, [{ kind: 'testday', field: 'title', pattern: 'bug day', weight: 4 }]);
  });

  it('stops with the file, line and key of a bad rule', () => {
    assert.throws(
      () => classifyConfig(withFile('classify:\n  rules:\n    - kind: interview\n      field: title\n      pattern: "(unclosed"\n      weight: 2\n').config),
      /rdobot\.yml line 5: classify\.rules\.0\.pattern: bad pattern "\(unclosed"/,
    );
    assert.throws(() => classifyConfig(withFile('classify:\n  rules:\n    - {kind: podcast, field: title, pattern: x, weight: 1}\n').config), /line 3: classify\.rules\.0\.kind: /);
    assert.throws(() => classifyConfig(withFile('classify:\n  rules:\n    - {kind: interview, field: summary, pattern: x, weight: 1}\n').config), /classify\.rules\.0\.field: /);
  });
});

describe('rdobot classify', () => {
  it("prints each post's kinds, person, and every kind's score with the evidence for and against", async () => {
    const r = await classify([join(FIXTURES, '2026-03-06-joao-da-silva-and-pieter-van-den-berg-talk-about-ci.html.md'), join(FIXTURES, '2026-03-18-jane-doe-at-openstack-days-nordic.html.md')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '2026-03-06-joao-da-silva-and-pieter-van-den-berg-talk-about-ci.html.md — João da Silva and Pieter van den Berg talk about CI');
    assert.equal(lines[1], '  kinds: interview (person: João da Silva and Pieter van den Berg)');
    assert.equal(lines[2], '  interview: yes, 6 (needs 4)');
    assert.match(r.stdout, /\n {4}\+2 opening: my chat with a person “my chat with João da Silva and Pieter van den Berg”\n/);
    assert.match(r.stdout, /Jane Doe at OpenStack Days Nordic\n {2}kinds: none\n {2}interview: no, 0 \(needs 4\)\n {4}\+2 a video “video”\n {4}-2 opening: a recorded talk or session “gave a talk”/);
  });

  it('classifies a whole directory, drafts included, as JSON', async () => {
    const r = await classify([FIXTURES, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const posts = JSON.parse(r.stdout) as { file: string; kinds: string[]; person?: string; scores: { kind: string; score: number }[] }[];
    assert.equal(posts.length, 19);
    const zoe = posts.find((p) => p.file.endsWith('zoe-angstrom-talks-about-documentation.html.md'))!;
    assert.deepEqual([zoe.kinds, zoe.person], [['interview'], 'Zoë Ångström']);
  });

  it('measures the rules against a labels file, showing only the posts it disagrees with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-labels-'));
    writeFileSync(
      join(dir, 'labels.yaml'),
      '2026-03-11-oslo-in-flamingo: {kinds: [interview], person: [Ihor Ivanenko]}\n2026-03-18-jane-doe-at-openstack-days-nordic: {kinds: [interview], person: [Jane Doe]}\n2026-03-20-rdo-flamingo-released: {kinds: [], note: release}\n',
    );
    const r = await classify([join(FIXTURES, '2026-03-11-oslo-in-flamingo.html.md'), join(FIXTURES, '2026-03-18-jane-doe-at-openstack-days-nordic.html.md'), join(FIXTURES, '2026-03-20-rdo-flamingo-released.html.md'), '--labels', join(dir, 'labels.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('oslo-in-flamingo'), 'agreed posts are not shown');
    assert.match(r.stdout, /^2026-03-18-jane-doe-at-openstack-days-nordic\.html\.md — /);
    assert.match(r.stdout, /against the labels: 3 labelled posts\n {2}interview precision 100\.0% {2}recall {2}50\.0% {2}\(1 of 2 found, 0 wrongly\)/);
  });

  it('uses the rules of RDOBOT_CONFIG, and fails clearly on a missing file', async () => {
    const { dir } = withFile('classify:\n  rules:\n    - {kind: interview, field: title, pattern: "\\\\breleased\\\\b", weight: 9, label: released means interview here}\n');
    const r = (await classify([join(FIXTURES, '2026-03-20-rdo-flamingo-released.html.md')], { RDOBOT_CONFIG: join(dir, 'rdobot.yml') })).stdout;
    assert.match(r, /kinds: interview\n[\s\S]*\+9 released means interview here “released”/);
    const missing = await classify(['/nonexistent/post.html.md']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'rdobot: /nonexistent/post.html.md: cannot read it (ENOENT)\n');
  });
});
