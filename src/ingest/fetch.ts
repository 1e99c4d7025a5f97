// One page over HTTP(S), politely and within bounds: a User-Agent that says who we are, conditional
// requests (ETag / Last-Modified: an unchanged page costs a 304 and no body), redirects followed a few
// times at most, a deadline for the whole exchange and for each silence in it, and a byte limit counted
// as the body arrives (a server that sends 100 MB is cut off at the limit, not after).
import { InputError } from './normalise.ts';

export const USER_AGENT = 'sitrep/0.1 (conflict-incident research; reads public news pages and feeds; +https://github.com/sitrep/sitrep)';

export interface FetchOptions {
  /** Body bytes at most (default 50 MB). */
  maxBytes?: number;
  /** The whole exchange, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Longest silence while waiting for headers or the next part of the body (default 15 s). */
  idleMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** From an earlier fetch of the same URL: a 304 answer means unchanged. */
  etag?: string;
  lastModified?: string;
}

export interface FetchedPage {
  /** 200, or 304 when the conditional request found the page unchanged (then body is empty). */
  status: 200 | 304;
  /** The URL after redirects. */
  url: string;
  body: Buffer;
  /** The format the Content-Type names, when it names one. */
  format?: 'text' | 'html' | 'feed' | 'jsonl';
  etag?: string;
  lastModified?: string;
}

function formatOfType(type: string | null): FetchedPage['format'] {
  const t = (type ?? '').split(';')[0].trim().toLowerCase();
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (/^(application|text)\/(rss\+|atom\+|rdf\+)?xml$/.test(t)) return 'feed';
  if (t === 'text/plain' || t === 'text/markdown') return 'text';
  if (t === 'application/x-ndjson' || t === 'application/jsonl' || t === 'application/x-jsonlines') return 'jsonl';
  return undefined;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const maxBytes = opts.maxBytes ?? 50 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const idleMs = opts.idleMs ?? 15_000;
  const maxRedirects = opts.maxRedirects ?? 5;
  const controller = new AbortController();
  let why = '';
  const abort = (reason: string) => { why ||= reason; controller.abort(); };
  const deadline = setTimeout(() => abort(`timed out after ${seconds(timeoutMs)}`), timeoutMs);
  let idle: NodeJS.Timeout | undefined;
  const quiet = (stage: string) => { clearTimeout(idle); idle = setTimeout(() => abort(`no data for ${seconds(idleMs)} ${stage}`), idleMs); };
  try {
    let current = url;
    for (let hops = 0; ; hops++) {
      let target: URL;
      try { target = new URL(current); } catch { throw new InputError(`not a valid URL: ${current}`); }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new InputError(`only http and https URLs are fetched, not ${target.protocol}`);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5' };
      if (hops === 0 && opts.etag) headers['if-none-match'] = opts.etag;
      if (hops === 0 && opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      quiet('waiting for the response');
      let res: Response;
      try {
        res = await fetch(target, { headers, redirect: 'manual', signal: controller.signal });
      } catch (e) {
        throw new InputError(why || `could not fetch: ${causeOf(e)}`);
      }
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location) throw new InputError(`HTTP ${res.status} redirect without a Location`);
        if (hops >= maxRedirects) throw new InputError(`too many redirects (more than ${maxRedirects})`);
        current = new URL(location, target).href;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { status: 304, url: target.href, body: Buffer.alloc(0), etag: res.headers.get('etag') ?? opts.etag, lastModified: res.headers.get('last-modified') ?? opts.lastModified };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new InputError(`HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
      }
      const declared = Number(res.headers.get('content-length'));
      if (declared > maxBytes) {
        await res.body?.cancel();
        throw new InputError(`too large (the server announces ${declared} bytes; the limit is ${maxBytes})`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      if (res.body) {
        const reader = res.body.getReader();
        try {
          for (;;) {
            quiet('while reading the body');
            const { done, value } = await reader.read();
            if (done) break;
            size += value.byteLength;
            if (size > maxBytes) { why = `cut off: the body is over ${maxBytes} bytes (the limit)`; controller.abort(); break; }
            chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
          }
        } catch (e) {
          throw new InputError(why || `the connection broke while reading the body: ${causeOf(e)}`);
        }
        if (why) throw new InputError(why);
      }
      return {
        status: 200, url: target.href, body: Buffer.concat(chunks, size), format: formatOfType(res.headers.get('content-type')),
        etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined,
      };
    }
  } finally {
    clearTimeout(deadline);
    clearTimeout(idle);
  }
}

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
}
