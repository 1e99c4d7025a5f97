// Ingest: files, directories, JSONL batches, RSS/Atom feeds and stdin -> Documents, one result per input.
// A bad input becomes a one-line error naming it; the batch goes on.
import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Document, DocumentMeta } from '../model/document.ts';
import { feedDocuments, looksLikeFeed } from './feed.ts';
import { documentFromHtml } from './html.ts';
import { checkPublishedOption, outletFromUrl, parseDateString } from './metadata.ts';
import { decodeUtf8, InputError } from './normalise.ts';
import { documentFromText } from './text.ts';
import type { IngestOptions, IngestResult } from './types.ts';

export { documentFromHtml, extractHtml } from './html.ts';
export { documentFromText } from './text.ts';
export { InputError } from './normalise.ts';
export type { IngestOptions, IngestResult } from './types.ts';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
const FEED_EXT = new Set(['.rss', '.atom', '.xml']);

type Format = 'text' | 'html' | 'jsonl' | 'feed';

function formatOf(path: string, content: string | undefined, forced?: Format): Format | undefined {
  if (forced) return forced;
  const ext = extname(path).toLowerCase();
  if (TEXT_EXT.has(ext)) return 'text';
  if (HTML_EXT.has(ext)) return 'html';
  if (JSONL_EXT.has(ext)) return 'jsonl';
  if (FEED_EXT.has(ext)) return 'feed';
  if (content === undefined) return undefined;
  if (looksLikeFeed(content.slice(0, 2000))) return 'feed';
  const head = content.slice(0, 1000).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|p|div)[\s>]/.test(head)) return 'html';
  if (head.startsWith('{')) return 'jsonl';
  return 'text';
}

/** Options -> metadata every document from this run gets (options win over what inputs say). */
function baseMeta(opts: IngestOptions): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  if (opts.published) Object.assign(meta, { published: checkPublishedOption(opts.published), publishedFrom: 'option' });
  if (opts.outlet) meta.outlet = opts.outlet;
  return meta;
}

/** Build one document from decoded content of a known format (text or html). */
export function documentFrom(content: string, format: 'text' | 'html', meta: Partial<DocumentMeta> & { origin: string }): Document {
  return format === 'html' ? documentFromHtml(content, meta) : documentFromText(content, meta);
}

function* jsonlDocuments(content: string, origin: string, base: Partial<DocumentMeta>): Generator<IngestResult> {
  const lines = content.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    seen++;
    const where = `${origin}:${i + 1}`;
    try {
      if (line.includes('\u0000')) throw new InputError('binary data (a NUL byte) in the line');
      let rec: any;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw new InputError(`malformed JSON (${(e as Error).message.split('\n')[0]})`);
      }
      if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new InputError('a record must be a JSON object');
      const html = typeof rec.html === 'string' ? rec.html : undefined;
      const text = typeof rec.text === 'string' ? rec.text : undefined;
      if (html === undefined && text === undefined) throw new InputError('record has neither "text" nor "html"');
      const meta: Partial<DocumentMeta> & { origin: string } = { origin: where, format: 'jsonl' };
      // Metadata is one line of text: a NUL or other control character (\u0000 in the JSON) would be
      // stored raw by SQLite and refused by PostgreSQL.
      const str = (v: unknown) => (typeof v === 'string' ? oneLine(v) || undefined : undefined);
      if (str(rec.url)) meta.url = str(rec.url);
      if (str(rec.title)) meta.title = str(rec.title);
      const outlet = base.outlet ?? str(rec.outlet) ?? outletFromUrl(meta.url);
      if (outlet) meta.outlet = outlet;
      if (base.published) Object.assign(meta, { published: base.published, publishedFrom: 'option' });
      else if (rec.published != null) {
        const day = parseDateString(String(rec.published));
        if (!day) throw new InputError(`"published" is not a date: ${JSON.stringify(rec.published).slice(0, 40)}`);
        Object.assign(meta, { published: day, publishedFrom: 'metadata' });
      }
      const doc = html !== undefined ? documentFromHtml(html, meta) : documentFromText(text!, meta);
      doc.meta.format = 'jsonl';
      yield { ok: true, doc };
    } catch (e) {
      yield failure(where, e);
    }
  }
  if (seen === 0) yield { ok: false, origin, error: 'empty input (no JSONL records)' };
}

/** Metadata text on one line, without control characters. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

function failure(origin: string, e: unknown): IngestResult {
  const err = e as NodeJS.ErrnoException;
  let message: string;
  if (e instanceof InputError) message = e.message;
  else if (err?.code === 'ENOENT') message = 'no such file or directory';
  else if (err?.code === 'EACCES') message = 'permission denied';
  else if (err?.code === 'EISDIR') message = 'is a directory';
  else message = `could not read: ${String(err?.message ?? e).split('\n')[0]}`;
  return { ok: false, origin, error: message };
}

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > maxBytes) throw new InputError(`too large (over ${maxBytes} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What a path that is not a regular file is, for the error. */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * A regular file's bytes, at most maxBytes of them, counted as they are read (not taken from stat,
 * which says 0 for /proc files and can be outrun by a growing file). Opened without blocking and
 * checked again on the open descriptor, so a path swapped for a FIFO or device cannot hang or flood us.
 */
export async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new InputError(`${kindOf(info)}, not a regular file: only files, directories and stdin (-) are read`);
    if (info.size > maxBytes) throw new InputError(`too large (${info.size} bytes; the limit is ${maxBytes})`);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - size));
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > maxBytes) throw new InputError(`too large (over ${maxBytes} bytes)`);
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, size);
  } finally {
    await fh.close();
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    // A symbolic link to a file is read like the file (links to directories are not followed: no loops).
    else if (e.isFile() || (e.isSymbolicLink() && (await stat(p).then((i) => i.isFile(), () => false)))) {
      const ext = extname(e.name).toLowerCase();
      if (TEXT_EXT.has(ext) || HTML_EXT.has(ext) || JSONL_EXT.has(ext) || FEED_EXT.has(ext)) yield p;
    }
  }
}

/** One input path (or "-") -> results; never throws for a bad input. */
async function* readOne(path: string, opts: IngestOptions, base: Partial<DocumentMeta>, inDir: boolean): AsyncGenerator<IngestResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const origin = path === '-' ? 'stdin' : path;
  let content: string;
  try {
    let bytes: Uint8Array;
    if (path === '-' || STDIN_PATHS.has(path)) bytes = await readStdin(maxBytes);
    else {
      const info = await stat(path);
      if (info.isDirectory()) {
        let any = false;
        for await (const file of walk(path)) {
          any = true;
          yield* readOne(file, opts, base, true);
        }
        if (!any) yield { ok: false, origin, error: 'directory holds no .txt, .html, .jsonl or feed (.rss, .atom, .xml) files' };
        return;
      }
      if (!info.isFile()) throw new InputError(`${kindOf(info)}, not a regular file: only files, directories and stdin (-) are read`);
      bytes = await readFileBounded(path, maxBytes);
    }
    // In a JSONL batch a NUL refuses only its line (it cannot be in valid JSON), not the whole file.
    content = decodeUtf8(bytes, { allowNul: formatOf(path, undefined, opts.format) === 'jsonl' });
  } catch (e) {
    yield failure(origin, e);
    return;
  }
  const format = formatOf(path, content, opts.format);
  if (format === undefined) {
    if (!inDir) yield { ok: false, origin, error: 'unknown format; use --format text|html|jsonl|feed' };
    return;
  }
  if (format === 'jsonl') {
    yield* jsonlDocuments(content, origin, base);
    return;
  }
  if (format === 'feed') {
    yield* feedDocuments(content, origin, base);
    return;
  }
  try {
    const meta: Partial<DocumentMeta> & { origin: string } = { ...base, origin };
    yield { ok: true, doc: documentFrom(content, format, meta) };
  } catch (e) {
    yield failure(origin, e);
  }
}

/** Documents from files, directories (walked in name order), JSONL batches and stdin ("-"), in order. */
export async function* readInputs(paths: string[], opts: IngestOptions = {}): AsyncGenerator<IngestResult> {
  const base = baseMeta(opts);
  for (const path of paths) yield* readOne(path, opts, base, false);
}
