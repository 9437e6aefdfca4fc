import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  url(path: string): string;
  /** Set what a path serves (with a fresh ETag each time the body changes). */
  serve(path: string, body: string, contentType?: string): void;
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; status: number }[];
  close(): Promise<void>;
}

/** A local HTTP server for feeds that honours If-None-Match with 304, as a polite feed host does. */
export async function startFeedServer(): Promise<FeedServer> {
  const bodies = new Map<string, { body: string; etag: string; type: string; modified: string }>();
  const requests: FeedServer['requests'] = [];
  let version = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const entry = bodies.get(path);
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    if (path === '/hang') return; // never answers
    const status = !entry ? 404 : ifNoneMatch === entry.etag ? 304 : 200;
    requests.push({ path, ifNoneMatch, ifModifiedSince, status });
    if (!entry) return void res.writeHead(404).end();
    if (status === 304) return void res.writeHead(304, { etag: entry.etag }).end();
    res.writeHead(200, { 'content-type': entry.type, etag: entry.etag, 'last-modified': entry.modified }).end(entry.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serve(path, body, type = 'application/rss+xml') {
      ++version;
      bodies.set(path, { body, etag: `"v${version}"`, type, modified: new Date(Date.UTC(2026, 0, 1, 0, version)).toUTCString() });
    },
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function rss(items: { title: string; link: string; date: string; category?: string[]; description?: string; enclosure?: string }[]): string {
  const xmlItems = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${i.date}</pubDate>` +
        `<dc:creator>feedauthor</dc:creator>${(i.category ?? []).map((c) => `<category>${c}</category>`).join('')}` +
        `<description><![CDATA[${i.description ?? '<p>Item text.</p>'}]]></description>` +
        (i.enclosure ? `<enclosure url="${i.enclosure}" type="audio/mpeg" length="1"/>` : '') +
        `</item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Test</title><link>http://127.0.0.1/</link><description>t</description>${xmlItems}</channel></rss>`;
}

export function atom(entries: { title: string; link: string; updated: string; summary?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Test</title><id>urn:test</id><updated>2026-01-01T00:00:00Z</updated>${entries
    .map((e) => `<entry><title>${e.title}</title><id>${e.link}</id><link rel="alternate" href="${e.link}"/><updated>${e.updated}</updated><author><name>atomauthor</name></author><summary type="html">${e.summary ?? 'An entry.'}</summary></entry>`)
    .join('')}</feed>`;
}
