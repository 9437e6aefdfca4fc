import { escapeUTF8 } from 'entities';

/**
 * The shell every minutes page shares: the minutes and log files the recorder writes and the index pages the site
 * serves, so that a change to the page's head lands in one place. Title and style sheet are text, escaped here; `nav`
 * is markup its caller has already escaped. No script, no inline style: the site's CSP holds for them too.
 */
export function minutesPageHead(title: string, stylesheet: string, nav = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeUTF8(title)}</title>
<link rel="stylesheet" href="${escapeUTF8(stylesheet)}">
</head>
<body>
<main>
${nav}`;
}

export const MINUTES_PAGE_FOOT = '</main>\n</body>\n</html>\n';
