import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { importGraph } from './import-graph.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The web shows what chat shows through src/views, never through a command family: a family is a plugin that may be
 * left out, renamed or replaced, and the community page and the HTTP endpoint must not break with it. The layers allow
 * the import (web is above commands); this rule does not.
 */
describe('the web and the commands', () => {
  const graph = importGraph(root);
  const web = [...graph.entries()].filter(([file]) => file.startsWith('src/web/') || file.startsWith('src/http/'));

  it('finds the files of src/web and src/http', () => {
    assert.ok(web.length > 5);
  });

  it('has no file of src/web or src/http import from commands/', () => {
    const found = web.flatMap(([file, targets]) => targets.filter((t) => t.startsWith('commands/')).map((t) => `${file} -> ${t}`));
    assert.deepEqual(found, []);
  });
});
