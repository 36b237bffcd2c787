// The status page as an Atom feed (RFC 4287), built as an xast tree and serialised by
// xast-util-to-xml, which escapes every text: one entry per public incident, updated by its latest
// public update.
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import { parseTimestamp } from '../time/dates.ts';
import type { StatusIncident, StatusModel } from './status.ts';

export interface FeedOptions {
  /** The site's absolute URL ending in /, for links and the feed's id; without it ids are URNs and entries have no link. */
  baseUrl?: string;
  title: string;
}

const iso = (timestamp: string) => new Date(parseTimestamp(timestamp) ?? 0).toISOString();

function latest(i: StatusIncident): string {
  const times = [i.started, i.resolved, ...i.updates.map((u) => u.at)]
    .filter((t): t is string => typeof t === 'string')
    .map((t) => parseTimestamp(t) ?? 0);
  return new Date(Math.max(...times)).toISOString();
}

export function statusFeed(model: StatusModel, pagePath: (i: StatusIncident) => string, options: FeedOptions): string {
  const incidents = [...model.current, ...model.past].slice(0, 50);
  const base = options.baseUrl;
  const tree = x('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, [
    x('title', options.title),
    x('id', base ? `${base}status/feed.atom` : 'urn:firebreak:status'),
    x('updated', incidents.length ? incidents.map(latest).sort().at(-1)! : model.generatedAt),
    base ? x('link', { rel: 'self', href: `${base}status/feed.atom` }) : undefined,
    base ? x('link', { rel: 'alternate', href: `${base}status/` }) : undefined,
    x('author', [x('name', options.title)]),
    ...incidents.map((i) =>
      x('entry', [
        x('title', `${i.status === 'resolved' ? 'Resolved' : 'Ongoing'}: ${i.title}`),
        x('id', base ? `${base}${pagePath(i)}` : `urn:firebreak:status:${encodeURIComponent(i.id)}`),
        x('published', iso(i.started)),
        x('updated', latest(i)),
        base ? x('link', { rel: 'alternate', href: `${base}${pagePath(i)}` }) : undefined,
        x('summary', { type: 'text' }, [i.updates[0]?.message ?? i.summary ?? i.title]),
      ]),
    ),
  ]);
  return `<?xml version="1.0" encoding="utf-8"?>\n${toXml(tree)}\n`;
}
