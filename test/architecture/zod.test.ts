import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { moduleClosure } from '../../src/archive/post-cache.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

describe('zod', () => {
  it('is imported by src/base/zod.ts alone, so that a process holds one zod, bundled or not', () => {
    const importers = ['src', 'adapters', 'commands', 'test', 'bench']
      .flatMap((d) => sources(join(root, d)))
      .filter((file) => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.some((i) => /^zod(?:\/|$)/.test(i.fileName)))
      .map((file) => relative(root, file));
    assert.deepEqual(importers, ['src/base/zod.ts']);
  });

  it("is not hashed into the post cache's code fingerprints: package.json pins it, and the bundle is large", () => {
    const closure = moduleClosure(new URL('../../src/archive/parse-post.js', import.meta.url)).map((url) => relative(root, fileURLToPath(url)));
    assert.ok(closure.includes('dist/src/archive/front-matter-schema.js'), 'the closure holds the parser\'s schema, which imports zod');
    assert.ok(!closure.includes('dist/src/base/zod.js'));
  });
});
