import { html, type Html } from './html.js';

/**
 * The shell of the minutes' index pages (/meetings/, a room's, a series'). `up` leads from the page to /meetings/
 * ('' at /meetings/ itself, '../' one level down): every address is relative, so the pages work under a path
 * prefix (`/rdobot/meetings/`). No script, no inline style: the site's CSP holds for them too.
 */
export function page(title: string, body: Html, up: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${up}../assets/page.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}
