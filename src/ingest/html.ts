// HTML page -> Document. Readability (over linkedom's fast DOM) finds the main text; we keep headline,
// byline, captions and photo credits as their own sections so they never mix into the body.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Document, DocumentMeta, Section, SectionKind } from '../model/document.ts';
import { createDocument } from '../model/create.ts';
import { outletFromUrl, parseDateString } from './metadata.ts';
import { checkTextLength, InputError, normaliseText } from './normalise.ts';

export interface ExtractedHtml {
  title?: string;
  byline?: string;
  published?: string;
  outlet?: string;
  paragraphs: string[];
  captions: string[];
  credits: string[];
}

const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH',
  'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'DL', 'DT', 'DD', 'FIGURE', 'BR', 'HR', 'ASIDE', 'MAIN', 'ADDRESS',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'FIGCAPTION', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM', 'IFRAME']);
const CREDIT_CLASS = /credit|copyright|attribution|photographer/i;
const CAPTION_CLASS = /caption/i;

const clean = (s: string | null | undefined) => (s ? normaliseText(s.replace(/\s+/g, ' ')) : '');

/** Paragraph texts of a DOM subtree: inline content joins, block boundaries break. */
function blockTexts(root: any): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    const t = clean(buf);
    if (t) out.push(t);
    buf = '';
  };
  const walk = (node: any) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) buf += child.textContent;
      else if (child.nodeType === 1) {
        const tag = child.tagName as string;
        if (SKIP.has(tag) || CAPTION_CLASS.test(child.className || '') || CREDIT_CLASS.test(child.className || '')) continue;
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return out;
}

/** The page's <meta> tags by attribute and value ("property=og:title" -> the first such tag), read in one pass. */
function metaIndex(doc: any): Map<string, any> {
  const index = new Map<string, any>();
  for (const el of doc.querySelectorAll('meta')) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const v = el.getAttribute(attr);
      if (v && !index.has(`${attr}=${v}`)) index.set(`${attr}=${v}`, el);
    }
  }
  return index;
}

const META_SELECTOR = /^meta\[(property|name|itemprop)="([^"]+)"\]$/;

/** The first selector that finds a non-empty value; meta tags come from the index, anything else is queried. */
function meta(doc: any, index: Map<string, any>, selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const m = META_SELECTOR.exec(sel);
    const el = m ? index.get(`${m[1]}=${m[2]}`) : doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.textContent;
    if (v && v.trim()) return v.trim();
  }
  return undefined;
}

/** Facts from JSON-LD blocks (schema.org NewsArticle): datePublished, publisher name, headline. */
function jsonLd(doc: any): { datePublished?: string; publisher?: string; headline?: string } {
  const found: { datePublished?: string; publisher?: string; headline?: string } = {};
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent || '');
    } catch {
      continue; // broken JSON-LD is common; it is only a hint
    }
    const stack: unknown[] = [data];
    while (stack.length) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const o = item as Record<string, any>;
        if (typeof o.datePublished === 'string') found.datePublished ??= o.datePublished;
        if (typeof o.headline === 'string') found.headline ??= o.headline;
        if (o.publisher && typeof o.publisher.name === 'string') found.publisher ??= o.publisher.name;
        if (o['@graph']) stack.push(o['@graph']);
      }
    }
  }
  return found;
}

/**
 * The deepest element nesting analysed. Readability's scoring walks each element's ancestors and more:
 * its time grows faster than the square of the depth (300 levels ~0.5 s, 2,000 levels 64 s, 100,000
 * ran 9 minutes and overflowed the stack). Real pages nest a few dozen deep.
 */
export const MAX_HTML_DEPTH = 256;

/** Throws when any element lies deeper than MAX_HTML_DEPTH (an iterative walk: no recursion to overflow). */
function checkDepth(root: any): void {
  const stack: any[] = [root];
  const depth: number[] = [1];
  while (stack.length) {
    const el = stack.pop();
    const d = depth.pop()!;
    if (d > MAX_HTML_DEPTH) throw new InputError(`HTML nested too deeply (elements over ${MAX_HTML_DEPTH} levels deep): not a page sitrep reads`);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) { stack.push(c); depth.push(d + 1); }
  }
}

// Elements that never hold others (void) or that the parser closes when the next one opens (implied
// ends): neither deepens the tree as written.
const FLAT_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'rtc']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * The nesting the markup asks for, read from its tags without building a DOM, stopping once over
 * `limit`: a close tag closes up to its open tag, as the parser does. linkedom takes minutes to build
 * 200,000 open divs, so absurd nesting is refused before parsing; the DOM check after it is exact.
 */
export function markupDepth(html: string, limit: number): number {
  // No attribute runs past the next "<": every match attempt stops there, so the scan is linear.
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/g;
  let lower: string | undefined;
  const stack: string[] = [];
  const open = new Map<string, number>();
  let max = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html)) !== null) {
    if (!m[2]) continue; // a comment
    const name = m[2].toLowerCase();
    if (m[1]) {
      if (!open.get(name)) continue;
      for (;;) {
        const top = stack.pop()!;
        open.set(top, open.get(top)! - 1);
        if (top === name) break;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const end = (lower ??= html.toLowerCase()).indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (FLAT_TAGS.has(name) || m[3].endsWith('/')) continue;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > max && (max = stack.length) > limit) return max;
  }
  return max;
}

export function extractHtml(html: string, url?: string): ExtractedHtml {
  if (markupDepth(html, 4 * MAX_HTML_DEPTH) > 4 * MAX_HTML_DEPTH) throw new InputError(`HTML nested too deeply (elements over ${MAX_HTML_DEPTH} levels deep): not a page sitrep reads`);
  // linkedom builds no <body> for a bare fragment ("<p>...</p>" in a JSONL record): give it a page.
  if (!/<(html|body)[\s>]/i.test(html.slice(0, 5000))) html = `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(html);
  if (document.documentElement) checkDepth(document.documentElement);
  // Read metadata and captions before Readability, which rewrites the DOM.
  const ld = jsonLd(document);
  const metas = metaIndex(document);
  const published = parseDateString(
    meta(document, metas, [
      'meta[property="article:published_time"]', 'meta[name="article:published_time"]', 'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="publish-date"]', 'meta[name="date"]',
      'meta[name="DC.date.issued"]', 'meta[name="dc.date"]', 'meta[property="og:published_time"]',
    ]) ?? ld.datePublished ?? meta(document, metas, ['time[datetime]']),
  );
  const h1 = clean(document.querySelector('h1')?.textContent);
  const siteName = meta(document, metas, ['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? ld.publisher;
  const captions: string[] = [];
  const credits: string[] = [];
  for (const el of document.querySelectorAll('figcaption, [class*="caption"]')) {
    if (el.parentElement?.closest?.('figcaption, [class*="caption"]')) continue;
    const creditEls = [...el.querySelectorAll('[class*="credit"], [class*="copyright"]')];
    for (const c of creditEls) {
      const t = clean(c.textContent);
      if (t) credits.push(t);
      c.remove();
    }
    const t = clean(el.textContent);
    if (t && !captions.includes(t)) captions.push(t);
  }
  for (const el of document.querySelectorAll('[class*="credit"]')) {
    const t = clean(el.textContent);
    if (t && t.length < 200 && !credits.includes(t)) credits.push(t);
  }

  // The article comes back as its element (not serialised to HTML and parsed again): we only walk its text.
  const article = new Readability(document as any, { charThreshold: 200, serializer: (el: unknown) => el as any }).parse();
  let paragraphs: string[] = [];
  if (article?.content) paragraphs = blockTexts(article.content);
  // Readability gives up on short pages (a news brief, an HTML fragment in a JSONL record): then take
  // the page's own blocks, without navigation and page furniture.
  if (paragraphs.reduce((n, p) => n + p.length, 0) < 40) {
    const { document: page } = parseHTML(html);
    for (const el of page.querySelectorAll('nav, header, footer, aside, form, menu, [role="navigation"], [class*="caption"], figcaption')) el.remove();
    if (page.body) paragraphs = blockTexts(page.body).filter((p) => p !== h1);
  }
  // <title> often carries the site's name; the page's own headline fields do not.
  const title = clean(meta(document, metas, ['meta[property="og:title"]']) || ld.headline || h1 || article?.title || meta(document, metas, ['title']));
  // Readability keeps the headline inside the content on some sites; the headline has its own section.
  if (paragraphs.length && (paragraphs[0] === title || paragraphs[0] === h1)) paragraphs.shift();
  const captionSet = new Set(captions);
  paragraphs = paragraphs.filter((p) => !captionSet.has(p) && !credits.includes(p));
  return {
    title: title || undefined,
    byline: clean(article?.byline).replace(/^by\s+/i, '') || undefined,
    published: published ?? parseDateString(article?.publishedTime),
    outlet: clean(siteName) || outletFromUrl(url),
    paragraphs,
    captions,
    credits,
  };
}

type HtmlMeta = Partial<DocumentMeta> & { origin: string };

export function documentFromHtml(html: string, meta: HtmlMeta): Document {
  const x = extractHtml(html, meta.url);
  // A navigation bar or cookie notice is not an article: demand at least a sentence's worth of text.
  if (x.paragraphs.reduce((n, p) => n + p.length, 0) < 40) throw new InputError('HTML has no extractable article text');
  const parts: { text: string; kind: SectionKind }[] = [];
  if (x.title) parts.push({ text: x.title, kind: 'headline' });
  if (x.byline) parts.push({ text: x.byline, kind: 'byline' });
  for (const p of x.paragraphs) parts.push({ text: p, kind: 'body' });
  for (const c of x.captions) parts.push({ text: c, kind: 'caption' });
  for (const c of x.credits) parts.push({ text: c, kind: 'credit' });
  let text = '';
  const sections: Section[] = [];
  for (const part of parts) {
    const t = normaliseText(part.text).replace(/\n+/g, ' ');
    if (!t) continue;
    if (text) text += '\n\n';
    sections.push({ start: text.length, end: text.length + t.length, kind: part.kind });
    text += t;
  }
  checkTextLength(text);
  const full: DocumentMeta = { format: 'html', ...meta };
  full.title ??= x.title;
  full.byline ??= x.byline;
  full.outlet ??= x.outlet;
  if (!full.published && x.published) Object.assign(full, { published: x.published, publishedFrom: 'html' });
  return createDocument(text, full, sections);
}
