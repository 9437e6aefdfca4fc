import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cleanEnv, node, ROOT, runWith } from '../helpers/run-cli.js';

const GUIDE = readFileSync(join(ROOT, 'docs/plugins.md'), 'utf8');

/** The first fenced block of a language in the guide: what a reader copies. */
function block(language: string): string {
  const found = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(GUIDE);
  assert.ok(found, `docs/plugins.md has a ${language} block`);
  return found[1];
}

/** The first fenced block of a language after a heading of the guide. */
function blockAfter(heading: string, language: string): string {
  const at = GUIDE.indexOf(`\n## ${heading}\n`);
  assert.ok(at >= 0, `docs/plugins.md has a section ${heading}`);
  const found = new RegExp('```' + language + '\n([\\s\\S]*?)```').exec(GUIDE.slice(at));
  assert.ok(found, `its section ${heading} has a ${language} block`);
  return found[1];
}

/** A folder outside the repository, as a reader makes one. */
function folder(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rdobot-guide-')), 'hello');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const ask = (line: string, env: Record<string, string>) => runWith(node, [CLI, 'ask', line], '', cleanEnv(env));

describe('docs/plugins.md: the plugin it opens with works as written', function () {
  this.timeout(30_000);

  it('opens with the plugin: its first code block is the whole of it', () => {
    assert.ok(GUIDE.indexOf('```js') < GUIDE.indexOf('## '), 'before the first section');
    assert.match(block('js'), /^export default \{/);
  });

  it('answers !hello with the asker\'s name, and !help shows hello, from a real rdobot', async () => {
    const dir = folder({ 'index.js': block('js'), 'package.json': block('json') });
    const hello = await ask('!hello', { RDOBOT_PLUGINS: dir });
    assert.equal(hello.code, 0, hello.stderr);
    // `rdobot ask` asks as the user "cli".
    assert.equal(hello.stdout, 'Hello, cli\n');
    const help = await ask('!help', { RDOBOT_PLUGINS: dir });
    assert.match(help.stdout, /^!hello — greet the asker \(plugin hello 1\.0\.0\)$/m);
  });

  it('has a test, in its section on testing, that passes with node --test against the plugin it opens with', async () => {
    const dir = folder({ 'index.js': block('js'), 'package.json': block('json') });
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test', 'hello.test.js'), blockAfter('Testing', 'js'));
    const r = await new Promise<{ code: number | null; out: string }>((resolve) =>
      execFile(node, ['--test'], { cwd: dir }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr })),
    );
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /# pass 1/);
  });

  it('skips a plugin that throws on load, naming it in the log, and still answers !interview latest', async () => {
    const broken = folder({ 'index.js': 'throw new Error("the release server is down");\n', 'package.json': block('json') });
    const r = await ask('!interview latest', { RDOBOT_PLUGINS: broken });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, (await ask('!interview latest', {})).stdout, 'the same answer as without the plugin');
    assert.match(r.stdout, /^What did you do in Flamingo\?/);
    const lines = r.stderr.split('\n').filter((l) => /not loaded/.test(l));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /plugin .*hello not loaded: it failed to load: the release server is down/);
  });
});
