// RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> one document per item, with its title, link, date and
// outlet (the feed's title). The item's full content is used when the feed carries it
// (content:encoded, Atom content), else its description or summary. Parsed with linkedom's XML mode.
import { DOMParser } from 'linkedom';
import type { DocumentMeta } from '../model/document.ts';
import { documentFromHtml } from './html.ts';
import { outletFromUrl, parseDateString } from './metadata.ts';
import { InputError } from './normalise.ts';
import { documentFromText } from './text.ts';
import type { IngestResult } from './types.ts';

/** Does this content look like a feed? (Sniffed when the file name does not say.) */
export function looksLikeFeed(head: string): boolean {
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(head.trimStart());
}

type El = { tagName: string; textContent: string | null; getAttribute(name: string): string | null; getElementsByTagName(name: string): ArrayLike<El> & Iterable<El>; children: ArrayLike<El> & Iterable<El> };

/** The first direct child with one of the names (feeds nest elements of the same name, e.g. Atom sources). */
function child(el: El, ...names: string[]): El | undefined {
  for (const c of Array.from(el.children)) if (names.includes(c.tagName.toLowerCase())) return c;
  return undefined;
}

const text = (el: El | undefined) => el?.textContent?.trim() || undefined;
const hasMarkup = (s: string) => /<\/?[a-z][\w-]*[\s>/]/i.test(s);
/** Atom text constructs of type html carry escaped markup: their text is what the markup shows. */
function plain(el: El | undefined): string | undefined {
  const t = text(el);
  if (t === undefined) return undefined;
  if (!hasMarkup(t) && !/&[#\w]+;/.test(t)) return t;
  const html = new DOMParser().parseFromString(`<html><body>${t}</body></html>`, 'text/html') as unknown as { documentElement: { textContent: string | null } | null };
  return html.documentElement?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
}

export function* feedDocuments(content: string, origin: string, base: Partial<DocumentMeta>): Generator<IngestResult> {
  const xml = new DOMParser().parseFromString(content, 'text/xml') as unknown as { documentElement: El | null; getElementsByTagName(n: string): ArrayLike<El> & Iterable<El> };
  const root = xml.documentElement;
  const kind = root?.tagName.toLowerCase();
  if (!root || (kind !== 'rss' && kind !== 'feed' && kind !== 'rdf:rdf')) {
    yield { ok: false, origin, error: 'malformed feed: no <rss>, <feed> or <rdf:RDF> root element' };
    return;
  }
  const atom = kind === 'feed';
  const channel = atom ? root : (child(root, 'channel') ?? root);
  const outlet = base.outlet ?? plain(child(channel, 'title'));
  const items = Array.from(xml.getElementsByTagName(atom ? 'entry' : 'item'));
  // A feed cut off in the middle: what was complete is kept, and the break is reported.
  const closing = atom ? '</feed>' : kind === 'rss' ? '</rss>' : '</rdf:RDF>';
  if (!content.trimEnd().toLowerCase().endsWith(closing.toLowerCase())) {
    yield { ok: false, origin, error: `malformed feed: it ends before ${closing}${items.length ? ' (the items before the break are read; the last may be cut short)' : ''}` };
  }
  if (!items.length) {
    yield { ok: false, origin, error: 'feed has no items' };
    return;
  }
  for (let n = 0; n < items.length; n++) {
    const item = items[n];
    const where = `${origin}#${n + 1}`;
    try {
      const title = plain(child(item, 'title'));
      let link: string | undefined;
      if (atom) {
        const links = Array.from(item.children).filter((c) => c.tagName.toLowerCase() === 'link');
        link = (links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0])?.getAttribute('href') ?? undefined;
      } else link = text(child(item, 'link')) ?? (child(item, 'guid')?.getAttribute('ispermalink') !== 'false' ? text(child(item, 'guid')) : undefined);
      const dated = text(child(item, 'pubdate', 'dc:date', 'published', 'updated', 'dcterms:issued'));
      const body = text(child(item, 'content:encoded', 'content')) ?? text(child(item, 'description', 'summary'));
      if (!body && !title) throw new InputError('item has neither a title nor any content');
      const meta: Partial<DocumentMeta> & { origin: string } = { ...base, origin: where, ...(title ? { title } : {}) };
      if (link && /^https?:\/\//i.test(link)) meta.url = link;
      const itemOutlet = outlet ?? outletFromUrl(meta.url);
      if (itemOutlet) meta.outlet = itemOutlet;
      if (!base.published && dated) {
        const day = parseDateString(dated) ?? (Number.isNaN(Date.parse(dated)) ? undefined : new Date(Date.parse(dated)).toISOString().slice(0, 10));
        if (day) Object.assign(meta, { published: day, publishedFrom: 'metadata' });
      }
      const content = body ?? '';
      // The title leads the text as its headline, as on the article's own page.
      const doc = hasMarkup(content)
        ? documentFromHtml(`<html><head>${title ? `<title>${escapeHtml(title)}</title>` : ''}</head><body><article>${title ? `<h1>${escapeHtml(title)}</h1>` : ''}${content}</article></body></html>`, meta)
        : documentFromText(title && !content.startsWith(title) ? `${title}\n\n${content}` : content, meta);
      yield { ok: true, doc };
    } catch (e) {
      yield { ok: false, origin: where, error: e instanceof InputError ? e.message : `could not read the item: ${String((e as Error).message ?? e).split('\n')[0]}` };
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
