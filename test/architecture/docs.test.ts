import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const docs = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('documentation', () => {
  it('keeps the README short: what rdobot is, the two set-up commands, a taste, where the docs are', () => {
    const readme = read('README.md');
    assert.ok(readme.split('\n').length <= 200, `README.md has ${readme.split('\n').length} lines`);
    assert.match(readme, /^npm ci && npm start\s/m);
    assert.match(readme, /^npm ci && npm test\s/m);
  });

  it('has CI run the README\'s test command', () => {
    assert.match(read('.ci/run'), /readme_test\(\) \{ npm ci && npm test; \}/);
  });

  for (const file of docs) {
    it(`links only to files that exist, from ${file}`, () => {
      const text = read(file);
      const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
      const missing = links.filter((l) => !existsSync(join(root, dirname(file), l)));
      assert.deepEqual(missing, []);
    });

    it(`names only source and test files that exist, in ${file}`, () => {
      const text = read(file);
      const paths = [...text.matchAll(/`((?:src|test|commands|adapters|bench|examples)\/[\w./-]+\.(?:ts|yaml|yml|md))`/g)].map((m) => m[1]);
      assert.deepEqual(paths.filter((p) => !existsSync(join(root, p))), []);
    });
  }
});
