import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { mediaLinks } from '../../src/archive/media.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

const FIXTURES = ['posts', 'classify', 'hostile/posts'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));

/** The texts of a directory's files (none when it is not there). */
function textsIn(dir: string): string[] {
  try {
    return readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8'));
  } catch {
    return [];
  }
}

/** Pieces media links are made of, and of what looks like one but is not, in any case. */
const PIECES = ['](', ')', '(', ']', '[', '<', '>', '.', ':', '/', '//', '://', 'http', 'https', 'www.', 'youtube.com/watch?v=', 'youtu.be/', 'YouTube.com/watch?v=', 'YOUTU.BE/', 'youtu', 'vimeo.com/', 'x', 'ab-c', '_9', '.mp3', '.MP3', '.Ogg', '.opus', '.mp4', '.webm', '.wav', 'mp3', 'iframe', '<iframe', '<IFRAME', '<audio', '<Video', '<source', '<embed', '<embedx', ' src=', ' SRC = ', '"', "'", 'a.b/c', ' ', '\n', '\t', '\u00a0', '\u2028', 'é', 'ſ', 'K', '?', '#'];
const bodies = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('media links', () => {
  it('finds audio, video and players in links, embeds and bare YouTube URLs, each once, in order', () => {
    const body = 'Listen [here](https://x.org/a/show.MP3), watch https://youtu.be/abc-1 and <iframe width=1 src="//player.vimeo.com/video/9"></iframe> and again [it](<https://x.org/a/show.MP3> )';
    assert.deepEqual(mediaLinks(body), [
      { kind: 'video', url: 'https://player.vimeo.com/video/9' },
      { kind: 'audio', url: 'https://x.org/a/show.MP3' },
      { kind: 'video', url: 'https://youtu.be/abc-1' },
    ]);
  });

  it('finds nothing in a body that only looks like it links media', () => {
    assert.deepEqual(mediaLinks('[a](https://x.org/show.mp3.html) <iframes src="a.mp3"> http://youtube.org/watch (x.mp3)'), []);
  });

  it('finds in any text what scanning every source without its check finds', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        assert.deepEqual(mediaLinks(body), mediaLinks(body, true));
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (body) => assert.deepEqual(mediaLinks(body), mediaLinks(body, true))));
  });

  it('finds in every fixture what scanning every source without its check finds', () => {
    for (const text of FIXTURES.flatMap(textsIn)) assert.deepEqual(mediaLinks(text), mediaLinks(text, true));
  });
});

describeCorpus('media links over the RDO blog', () => {
  it('finds in every post what scanning every source without its check finds', () => {
    const texts = textsIn(CORPUS_POSTS);
    assert.ok(texts.length > 100);
    for (const text of texts) assert.deepEqual(mediaLinks(text), mediaLinks(text, true));
  });
});
