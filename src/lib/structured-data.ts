/**
 * schema.org descriptions of the archive's pages, for search engines and library tools: the
 * gazette is a Periodical, an issue a PublicationIssue, a 公文 a Legislation (identified by its
 * 文号) and every other text an Article. All URLs are absolute, on the canonical origin.
 */
import { siteConfig } from '../site.config.ts';
import type { Document, Issue } from './schema.ts';
import {
  OFFICIAL_DOCUMENT_CATEGORIES,
  absoluteUrl,
  documentJsonUrl,
  documentLabel,
  homeUrl,
  issueId,
  issueLabel,
  issueUrl,
} from './site.ts';

type Json = Record<string, unknown>;

export function periodical(site: URL | undefined): Json {
  return {
    '@type': 'Periodical',
    name: siteConfig.name,
    url: absoluteUrl(homeUrl(), site),
    inLanguage: siteConfig.language,
    publisher: { '@type': 'GovernmentOrganization', name: siteConfig.publisher },
  };
}

export function issueData(issue: Issue, site: URL | undefined): Json {
  return {
    '@type': 'PublicationIssue',
    name: `${siteConfig.name} ${issueLabel(issue)}`,
    issueNumber: String(issue.number),
    ...(issue.date ? { datePublished: issue.date } : {}),
    url: absoluteUrl(issueUrl(issue.id), site),
    inLanguage: siteConfig.language,
    isPartOf: {
      '@type': 'PublicationVolume',
      volumeNumber: String(issue.year),
      isPartOf: periodical(site),
    },
  };
}

/** The issue a document belongs to, as much as the document itself knows of it. */
function issueRef(doc: Document, site: URL | undefined): Json {
  const id = issueId(doc.issue);
  return {
    '@type': 'PublicationIssue',
    issueNumber: String(doc.issue.number),
    name: `${siteConfig.name} ${issueLabel(doc.issue)}`,
    url: absoluteUrl(issueUrl(id), site),
    isPartOf: { '@type': 'PublicationVolume', volumeNumber: String(doc.issue.year), isPartOf: periodical(site) },
  };
}

export function documentData(doc: Document, canonical: string, site: URL | undefined): Json {
  const issuer = doc.issuer ? { '@type': 'GovernmentOrganization', name: doc.issuer } : undefined;
  const common: Json = {
    name: documentLabel(doc),
    ...(doc.subtitle ? { alternativeHeadline: doc.subtitle } : {}),
    url: canonical,
    inLanguage: siteConfig.language,
    genre: doc.category,
    isPartOf: issueRef(doc, site),
    ...(doc.pages ? { pageStart: String(doc.pages.start), pageEnd: String(doc.pages.end) } : {}),
    encoding: { '@type': 'MediaObject', encodingFormat: 'application/json', contentUrl: absoluteUrl(documentJsonUrl(doc.id), site) },
  };
  if (OFFICIAL_DOCUMENT_CATEGORIES.has(doc.category) || doc.docNumber) {
    return {
      '@type': 'Legislation',
      ...common,
      ...(doc.docNumber ? { legislationIdentifier: doc.docNumber } : {}),
      ...(doc.normativeCode ? { identifier: { '@type': 'PropertyValue', name: '规范性文件统一编号', value: doc.normativeCode } } : {}),
      ...(doc.date ? { legislationDate: doc.date } : {}),
      ...(issuer ? { legislationPassedBy: issuer } : {}),
      legislationJurisdiction: siteConfig.jurisdiction,
    };
  }
  return {
    '@type': 'Article',
    headline: documentLabel(doc),
    ...common,
    ...(doc.date ? { dateCreated: doc.date } : {}),
    ...(issuer ? { author: issuer } : {}),
  };
}
