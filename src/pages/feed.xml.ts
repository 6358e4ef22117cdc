/**
 * An Atom feed of the issues, newest first, so readers and libraries learn of each new issue.
 * Each entry carries the issue's contents with links to its documents.
 */
import type { APIRoute } from 'astro';
import { archive } from '../lib/archive.ts';
import { absoluteUrl, documentLabel, documentUrl, feedUrl, homeUrl, issueLabel, issueUrl } from '../lib/site.ts';
import { xml, xmlResponse } from '../lib/xml.ts';
import { siteConfig } from '../site.config.ts';

export const prerender = true;

/** Atom needs a time; an issue without a printed date counts from the start of its year. */
const stamp = (date: string | null, year: number) => `${date ?? `${year}-01-01`}T00:00:00+08:00`;

export const GET: APIRoute = async ({ site }) => {
  const a = await archive();
  const abs = (path: string) => absoluteUrl(path, site);
  const issues = a.issues.toReversed();
  const entries = issues.map((issue) => {
    const docs = a.documentsOf(issue);
    const label = issueLabel(issue.data);
    const contents = `<ul>${docs
      .map(
        (d) =>
          `<li><a href="${xml(abs(documentUrl(d.id)))}">${xml(documentLabel(d.data))}</a>${d.data.docNumber ? `（${xml(d.data.docNumber)}）` : ''}</li>`,
      )
      .join('')}</ul>`;
    const when = stamp(issue.data.date, issue.data.year);
    return `  <entry>
    <title>${xml(`${siteConfig.name} ${label}`)}</title>
    <id>${xml(abs(issueUrl(issue.id)))}</id>
    <link rel="alternate" type="text/html" href="${xml(abs(issueUrl(issue.id)))}"/>
    <published>${when}</published>
    <updated>${when}</updated>
    <summary>${xml(`${label}，收文件${docs.length}篇：${docs.map((d) => documentLabel(d.data)).join('；')}`)}</summary>
    <content type="html">${xml(contents)}</content>
  </entry>`;
  });
  const updated = issues[0] ? stamp(issues[0].data.date, issues[0].data.year) : '1970-01-01T00:00:00Z';
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(siteConfig.language)}">
  <title>${xml(siteConfig.name)}</title>
  <subtitle>${xml(siteConfig.description)}</subtitle>
  <id>${xml(abs(homeUrl()))}</id>
  <link rel="self" type="application/atom+xml" href="${xml(abs(feedUrl()))}"/>
  <link rel="alternate" type="text/html" href="${xml(abs(homeUrl()))}"/>
  <updated>${updated}</updated>
  <author><name>${xml(siteConfig.publisher)}</name></author>
${entries.join('\n')}
</feed>
`;
  return xmlResponse(body, 'application/atom+xml');
};
