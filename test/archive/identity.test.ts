import assert from 'node:assert/strict';
import { urlIdentity } from '../../src/archive/archive.js';

/** How a post's URL was compared before the shortcut for plain URLs: the reference the shortcut must match. */
function reference(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

describe('post identity', () => {
  it('reads plain post URLs without the URL parser, exactly as the parser reads them', () => {
    const urls = [
      'https://www.rdoproject.org/blog/2016/05/what-did-you-do-in-mitaka-adam-young/',
      'http://rdoproject.org/blog/2016/05/what-did-you-do-in-mitaka-adam-young',
      'https://WWW.RDOProject.org/Blog/2016/05/Post_1/',
      'https://www.rdoproject.org/blog/2016/05/post-1//',
      'https://www.rdoproject.org',
      'https://www.rdoproject.org/',
      'https://blogs.example.org/a/b.c/d~e+f/',
      'https://www.rdoproject.org/blog/2016/05/a/../b/',
      'https://www.rdoproject.org/blog/./x/',
      'https://www.rdoproject.org:443/blog/x/',
      'https://www.rdoproject.org/blog/x/?utm=1',
      'https://www.rdoproject.org/blog/x/#top',
      'https://www.rdoproject.org/blog/caf%C3%A9/',
      'https://www.rdoproject.org/blog/café/',
      'https://0x7f.1/blog/',
      'https://127.0.0.1/blog/x',
      'https://example.org./x',
      'https://user@example.org/x',
      'https://xn--bcher-kva.example/x',
      'not a url at all',
      'feed:item-42',
    ];
    for (const url of urls) assert.equal(urlIdentity(url), reference(url), url);
  });
});
