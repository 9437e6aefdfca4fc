import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { DEFAULT_PERMALINK, parseFileName, permalink, type PermalinkConfig } from '../../src/archive/permalink.js';

/** permalink as it was written before its pattern was cut once: a replace over the whole pattern, each time. */
function permalinkReplaced(config: PermalinkConfig, slug: string, date: DateTime, fileDate?: { year: string; month: string; day: string }): string {
  const parts: Record<string, string> = {
    year: fileDate?.year ?? date.toFormat('yyyy'),
    month: fileDate?.month ?? date.toFormat('MM'),
    day: fileDate?.day ?? date.toFormat('dd'),
    slug: encodeURIComponent(slug),
  };
  const path = config.pattern.replace(/:(year|month|day|slug)\b/g, (_, key: string) => parts[key]);
  return config.baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

const PATTERN_PIECES = [':year', ':month', ':day', ':slug', ':slugs', ':years', ':', '/', '-', '.html', 'blog', ':title', ' ', '$&', '$1'];
const patterns = fc.array(fc.constantFrom(...PATTERN_PIECES), { maxLength: 8 }).map((p) => p.join(''));
const bases = fc.constantFrom('https://www.rdoproject.org', 'https://www.rdoproject.org/', 'https://x.org//', '', 'http://a/b/');
const slugs = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('what-did-you-do-in-mitaka', 'a b', '$&', 'ü/x?'));
const dates = fc.integer({ min: -5e12, max: 5e12 }).map((ms) => DateTime.fromMillis(ms, { zone: FixedOffsetZone.utcInstance }));
const fileDates = fc.option(fc.record({ year: fc.constantFrom('2016', '1999'), month: fc.constantFrom('01', '12'), day: fc.constantFrom('05', '31') }), { nil: undefined });

describe('permalinks', () => {
  it('puts the file name\'s date and the slug into the pattern', () => {
    const names = parseFileName('2016-05-06-some-title.html.md')!;
    const date = DateTime.fromISO('2016-05-07T01:00:00Z', { zone: 'utc' });
    assert.equal(permalink(DEFAULT_PERMALINK, names.slug, date, names.date), 'https://www.rdoproject.org/blog/2016/05/some-title/');
    assert.equal(permalink({ baseUrl: 'https://x.org/', pattern: ':year/:day/:slug.html' }, 'a b', date), 'https://x.org/2016/07/a%20b.html');
  });

  it('gives what replacing each key of the pattern gives, for any pattern, base, slug and date', () => {
    fc.assert(
      fc.property(patterns, bases, slugs, dates, fileDates, (pattern, baseUrl, slug, date, fileDate) => {
        // One config object for several patterns, as a changed setting would be.
        const config: PermalinkConfig = { baseUrl, pattern };
        assert.equal(permalink(config, slug, date, fileDate), permalinkReplaced(config, slug, date, fileDate));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a slug with a lone surrogate as replacing did, whether the pattern uses it or not', () => {
    const date = DateTime.fromMillis(0, { zone: FixedOffsetZone.utcInstance });
    for (const pattern of ['/:slug', '/:year']) assert.throws(() => permalink({ baseUrl: 'https://x.org', pattern }, 'a\ud800', date), URIError);
  });
});
