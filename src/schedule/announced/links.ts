import type { Token } from 'marked';
import { lexMarkdown } from '../../archive/markdown-lexer.js';

/**
 * The links of a post's Markdown as `marked` parses it: inline links, reference links and bare addresses (GFM
 * autolinks), in order. Never a pattern over the text: "[page](http://a/testday/x/)" is one link to
 * http://a/testday/x/, not an address that runs on into the brackets.
 */
export function linksOf(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[] | undefined): void => {
    for (const token of tokens ?? []) {
      if (token.type === 'link' && typeof token.href === 'string') out.push(token.href);
      const t = token as Token & { tokens?: Token[]; items?: Token[] };
      walk(t.tokens);
      walk(t.items);
    }
  };
  walk(lexMarkdown(markdown, { gfm: true }));
  return out;
}

/** An address that names a test day ("…/testday/…", "RDO_test_day_January_2014"): the test day's page. */
const TEST_DAY_PAGE = /test[-_]?days?/i;

/** The first link of the Markdown to a test day's page, if any. */
export function testDayPage(markdown: string): string | undefined {
  return linksOf(markdown).find((href) => /^https?:\/\//i.test(href) && TEST_DAY_PAGE.test(href));
}
