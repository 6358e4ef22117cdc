/**
 * An Atom feed of the issues, newest first, so readers and libraries learn of each new issue.
 * Each entry carries the issue's contents with links to its documents.
 */
import type { APIRoute } from 'astro';
import { archive } from '../lib/archive.ts';
import { absoluteUrl, documentLabel, documentUrl, feedUrl, homeUrl, isDay, issueLabel, issueUrl } from '../lib/site.ts';
import { xml, xmlResponse } from '../lib/xml.ts';
import { siteConfig } from '../site.config.ts';

export const prerender = true;

/**
 * An issue's printed publication date as an Atom time. An issue dated only by its month has none:
 * its entry carries the month in dc:date (W3CDTF allows `YYYY-MM`) and no Atom time rather than an
 * invented day.
 */
const stamp = (date: string) => `${date}T00:00:00+08:00`;
const printed = (date: string | null): date is string => date !== null && isDay(date);

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
    const { date } = issue.data;
    const times = printed(date) ? `\n    <published>${stamp(date)}</published>\n    <updated>${stamp(date)}</updated>` : '';
    return `  <entry>
    <title>${xml(`${siteConfig.name} ${label}`)}</title>
    <id>${xml(abs(issueUrl(issue.id)))}</id>
    <link rel="alternate" type="text/html" href="${xml(abs(issueUrl(issue.id)))}"/>${times}${date ? `\n    <dc:date>${date}</dc:date>` : ''}
    <summary>${xml(`${label}，收文件${docs.length}篇：${docs.map((d) => documentLabel(d.data)).join('；')}`)}</summary>
    <content type="html">${xml(contents)}</content>
  </entry>`;
  });
  // The feed changed last with the newest issue whose publication date is printed.
  const newest = issues.map((i) => i.data.date).find(printed);
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="${xml(siteConfig.language)}">
  <title>${xml(siteConfig.name)}</title>
  <subtitle>${xml(siteConfig.description)}</subtitle>
  <id>${xml(abs(homeUrl()))}</id>
  <link rel="self" type="application/atom+xml" href="${xml(abs(feedUrl()))}"/>
  <link rel="alternate" type="text/html" href="${xml(abs(homeUrl()))}"/>
${newest ? `  <updated>${stamp(newest)}</updated>\n` : ''}  <author><name>${xml(siteConfig.publisher)}</name></author>
${entries.join('\n')}
</feed>
`;
  return xmlResponse(body, 'application/atom+xml');
};
