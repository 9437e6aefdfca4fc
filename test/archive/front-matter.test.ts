import assert from 'node:assert/strict';
import matter from 'gray-matter';
import { CORE_SCHEMA, load } from 'js-yaml';
import { splitFrontMatter } from '../../src/archive/front-matter.js';

const yaml = (text: string): object => {
  const data: unknown = load(text, { schema: CORE_SCHEMA });
  return data !== null && typeof data === 'object' ? data : {};
};

/** gray-matter's reading (yaml and json only), which posts have always been read by. */
function grayMatter(text: string): { data: unknown; content: string } | { error: string } {
  try {
    const m = matter(text, { engines: { yaml, javascript: () => ({}) } });
    return { data: m.data, content: m.content };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

function ours(text: string): { data: unknown; content: string } | { error: string } {
  try {
    return splitFrontMatter(text, yaml);
  } catch (err) {
    return { error: (err as Error).name };
  }
}

const SHAPES = [
  '',
  'no front matter at all\n',
  '---\ntitle: One\ndate: 2016-01-01\n---\n\nBody.\n',
  '---\r\ntitle: Windows\r\n---\r\nBody.\r\n',
  '\ufeff---\ntitle: BOM\n---\nBody',
  '----\ntitle: four dashes\n---\nBody',
  '---\ntitle: unclosed\nBody',
  '---',
  '---\n---\nempty block',
  '---\n# only a comment\n---\nBody',
  '---\ntitle: x\n--- trailing text on the closing line\nBody',
  '---\ntitle: x\n-----\nBody',
  '---\ntitle: x\n---\n\n\nBody after blank lines',
  '---yaml\ntitle: named\n---\nBody',
  '--- \ntitle: spaces after the dashes\n---\nBody',
  '---json\n{"title": "json"}\n---\nBody',
  '---\ntitle: [unclosed\n---\nBody',
  '---\n- a list\n---\nBody',
  '---\njust text\n---\nBody',
  '---\ntitle: a\n---\nBody with --- inside\n---\nand more',
];

describe('front matter', () => {
  it('splits every shape of post file as gray-matter did, data, body and errors alike', () => {
    for (const text of SHAPES) assert.deepEqual(ours(text), grayMatter(text), JSON.stringify(text));
  });

  it('never runs a ---js block as JavaScript: it is bad front matter', () => {
    const g = globalThis as { rdobotRan?: boolean };
    assert.throws(() => splitFrontMatter("---js\n{ title: (globalThis.rdobotRan = true, 'Hi') }\n---\nBody", yaml), /not read \(YAML or JSON only\)/);
    assert.equal(g.rdobotRan, undefined);
  });
});
