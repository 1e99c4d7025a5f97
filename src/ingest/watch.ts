// `sitrep watch`: one poll over a list of feeds and pages. Each source is fetched with the validators
// (ETag, Last-Modified) its last answer gave, so an unchanged feed costs one 304 and no item bodies; a
// changed feed's items are skipped when their link is already stored, else their page is fetched (the
// feed's own content when the page cannot be had). Documents whose text is stored are not analysed
// again (ingestPieces checks the content id). The validators are kept in a small JSON state file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DocumentMeta } from '../model/document.ts';
import type { Store } from '../store/index.ts';
import { fetchPage, type FetchOptions } from './fetch.ts';
import { decodeUtf8 } from './normalise.ts';
import { formatOf, isUrl, type Piece } from './read.ts';

export interface SourceState { etag?: string; lastModified?: string; checked?: string }
export type WatchState = Record<string, SourceState>;

export function loadState(path: string): WatchState {
  if (!existsSync(path)) return {};
  try {
    const s = JSON.parse(readFileSync(path, 'utf8'));
    return s && typeof s === 'object' && !Array.isArray(s) ? s : {};
  } catch {
    return {}; // a damaged state only costs one unconditional poll
  }
}

export function saveState(path: string, state: WatchState): void {
  writeFileSync(path + '.tmp', JSON.stringify(state, null, 1) + '\n');
  renameSync(path + '.tmp', path);
}

/** The sources: a URL, or a file of URLs one per line (blank lines and # comments skipped). */
export function readSourceList(arg: string): string[] {
  if (isUrl(arg)) return [arg];
  return readFileSync(arg, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

export interface PollReport { source: string; status: 'unchanged' | 'fetched' | 'failed'; items: number; known: number; message?: string }

/**
 * One poll: yields the pieces to ingest (pages of new items, or pages listed directly) and reports on
 * each source through `report`. The state is updated in place.
 */
export async function* pollSources(sources: string[], state: WatchState, store: Store, fetchOpts: FetchOptions, report: (r: PollReport) => void): AsyncGenerator<Piece> {
  for (const source of sources) {
    const prior = state[source] ?? {};
    let page;
    try {
      page = await fetchPage(source, { ...fetchOpts, etag: prior.etag, lastModified: prior.lastModified });
    } catch (e) {
      report({ source, status: 'failed', items: 0, known: 0, message: (e as Error).message });
      continue;
    }
    state[source] = { etag: page.etag, lastModified: page.lastModified, checked: new Date().toISOString() };
    if (page.status === 304) { report({ source, status: 'unchanged', items: 0, known: 0 }); continue; }
    let content: string;
    try {
      content = decodeUtf8(page.body);
    } catch (e) {
      report({ source, status: 'failed', items: 0, known: 0, message: (e as Error).message });
      continue;
    }
    const format = page.format === 'jsonl' ? 'text' : page.format ?? formatOf(new URL(page.url).pathname, content) ?? 'text';
    if (format !== 'feed') {
      // A page watched directly: stored again only if its text changed (the content id says).
      report({ source, status: 'fetched', items: 1, known: 0 });
      yield { kind: 'content', origin: source, format: format === 'jsonl' ? 'text' : format, content, url: page.url };
      continue;
    }
    const { feedDocuments } = await import('./feed.ts');
    let items = 0, known = 0;
    const pending: Piece[] = [];
    for (const r of feedDocuments(content, source, {})) {
      if (!r.ok) { pending.push({ kind: 'error', origin: r.origin, error: r.error }); continue; }
      items++;
      const link = r.doc.meta.url;
      if (link && (await store.hasUrl(link))) { known++; continue; }
      if (!link) { pending.push({ kind: 'document', doc: r.doc }); continue; }
      pending.push(await itemPage(link, r.doc.meta, fetchOpts).catch(() => ({ kind: 'document' as const, doc: r.doc })));
    }
    report({ source, status: 'fetched', items, known });
    yield* pending;
  }
}

/** A feed item's own page, with what the feed said about it (date, outlet, title) as defaults. */
async function itemPage(link: string, meta: DocumentMeta, fetchOpts: FetchOptions): Promise<Piece> {
  const page = await fetchPage(link, fetchOpts);
  const content = decodeUtf8(page.body);
  const format = page.format === 'feed' || page.format === 'jsonl' ? undefined : page.format ?? formatOf(new URL(page.url).pathname, content);
  if (format !== 'html' && format !== 'text') throw new Error('not a page');
  const keep: Partial<DocumentMeta> = {};
  if (meta.published) Object.assign(keep, { published: meta.published, publishedFrom: meta.publishedFrom });
  if (meta.outlet) keep.outlet = meta.outlet;
  if (meta.title) keep.title = meta.title;
  return { kind: 'content', origin: link, format, content, url: link, meta: keep };
}

/** "15m", "30s", "2h", "1d" -> milliseconds. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(s.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
