// Reading inputs: files, directories, gzip'd files, JSONL batches (streamed record by record), stdin and
// URLs -> pieces of content, then pieces -> Documents. The two halves are apart so a pool of worker threads
// can build documents (HTML and feed parsing are a good part of the cost) while one thread reads.
// HTML and feed parsers are imported when the first such piece comes: a text-only run never loads them.
import { constants, type Stats } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Document, DocumentMeta } from '../model/document.ts';
import { checkPublishedOption, outletFromUrl, parseDateString } from './metadata.ts';
import { decodeUtf8, InputError } from './normalise.ts';
import { documentFromText } from './text.ts';
import type { IngestOptions, IngestResult } from './types.ts';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
const FEED_EXT = new Set(['.rss', '.atom', '.xml']);

export type Format = 'text' | 'html' | 'jsonl' | 'feed';

/**
 * What reading yields: a whole input of one format, one JSONL record (its line, origin "file:line"), or an
 * input that could not be read. Plain data, so it can be posted to a worker thread.
 */
export type Piece =
  | { kind: 'content'; origin: string; format: 'text' | 'html' | 'feed'; content: string; url?: string; meta?: Partial<DocumentMeta> }
  | { kind: 'document'; doc: Document }
  | { kind: 'record'; origin: string; line: string }
  | { kind: 'error'; origin: string; error: string };

/** The extension that names the format: "a.html.gz" -> ".html". */
function formatExt(path: string): string {
  const ext = extname(path).toLowerCase();
  return ext === '.gz' ? extname(path.slice(0, -3)).toLowerCase() : ext;
}

export function formatOf(path: string, content: string | undefined, forced?: Format): Format | undefined {
  if (forced) return forced;
  const ext = formatExt(path);
  if (TEXT_EXT.has(ext)) return 'text';
  if (HTML_EXT.has(ext)) return 'html';
  if (JSONL_EXT.has(ext)) return 'jsonl';
  if (FEED_EXT.has(ext)) return 'feed';
  if (content === undefined) return undefined;
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(content.slice(0, 2000).trimStart())) return 'feed';
  const head = content.slice(0, 1000).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|p|div)[\s>]/.test(head)) return 'html';
  if (head.startsWith('{')) return 'jsonl';
  return 'text';
}

/** Options -> metadata every document from this run gets (options win over what inputs say). */
export function baseMeta(opts: IngestOptions): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  if (opts.published) Object.assign(meta, { published: checkPublishedOption(opts.published), publishedFrom: 'option' });
  if (opts.outlet) meta.outlet = opts.outlet;
  return meta;
}

export function failure(origin: string, e: unknown): { ok: false; origin: string; error: string } {
  const err = e as NodeJS.ErrnoException;
  let message: string;
  if (e instanceof InputError) message = e.message;
  else if (err?.code === 'ENOENT') message = 'no such file or directory';
  else if (err?.code === 'EACCES') message = 'permission denied';
  else if (err?.code === 'EISDIR') message = 'is a directory';
  else if (err?.code === 'Z_DATA_ERROR' || err?.code === 'Z_BUF_ERROR' || err?.code === 'ERR_STREAM_PREMATURE_CLOSE') message = 'not valid gzip data (corrupt or cut off)';
  else message = `could not read: ${String(err?.message ?? e).split('\n')[0]}`;
  return { ok: false, origin, error: message };
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
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Open a regular file without blocking and check it again on the open descriptor, so a path swapped for
 * a FIFO or device cannot hang or flood us.
 */
async function openRegular(path: string): Promise<{ fh: FileHandle; info: Stats }> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = await fh.stat();
  if (!info.isFile()) {
    await fh.close();
    throw new InputError(`${kindOf(info)}, not a regular file: only files, directories and stdin (-) are read`);
  }
  return { fh, info };
}

/** A file's bytes in chunks, as they are read (not sized by stat, which says 0 for /proc files). */
async function* chunksOf(fh: FileHandle, limit = Infinity): AsyncGenerator<Buffer> {
  let size = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, limit + 1 - size)));
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return;
    size += bytesRead;
    yield bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead);
  }
}

/** Chunks, gunzipped when they start with gzip's magic bytes. */
async function* maybeGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest = (async function* () { yield first.value; for (let r = await it.next(); !r.done; r = await it.next()) yield r.value; })();
  if (!isGzip(first.value)) { yield* rest; return; }
  const gunzip = Readable.from(rest).pipe(createGunzip());
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/** At most maxBytes of a byte stream, counted as read (uncompressed, for gzip: no bomb gets through). */
async function collect(source: AsyncIterable<Buffer>, maxBytes: number, what = ''): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) throw new InputError(`too large${what} (over ${maxBytes} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * A regular file's bytes, at most maxBytes of them, counted as they are read; a gzip'd file is unpacked
 * and its content counted against the limit.
 */
export async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const { fh, info } = await openRegular(path);
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    const gz = bytesRead === 2 && isGzip(head);
    if (!gz && info.size > maxBytes) throw new InputError(`too large (${info.size} bytes; the limit is ${maxBytes})`);
    return await collect(gz ? maybeGunzip(chunksOf(fh)) : chunksOf(fh, maxBytes), maxBytes, gz ? ' once unpacked' : '');
  } finally {
    await fh.close();
  }
}

/**
 * Lines of a byte stream, each at most maxBytes: a longer line is skipped to its end and reported, so
 * a 70 MB batch of small records is read while a 60 MB record in it is refused alone. Yields
 * [line number, bytes or an error].
 */
export async function* linesOf(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<[number, Buffer | InputError]> {
  let parts: Buffer[] = [];
  let size = 0, lineNo = 1, tooLong = false;
  const finish = (): [number, Buffer | InputError] => {
    const r: [number, Buffer | InputError] = [lineNo++, tooLong ? new InputError(`too large (a record over ${maxBytes} bytes)`) : Buffer.concat(parts, size)];
    parts = []; size = 0; tooLong = false;
    return r;
  };
  for await (const chunk of source) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); ; nl = chunk.indexOf(10, from)) {
      const end = nl < 0 ? chunk.length : nl;
      if (!tooLong) {
        if (size + end - from > maxBytes) { tooLong = true; parts = []; size = 0; } else if (end > from) { parts.push(chunk.subarray(from, end)); size += end - from; }
      }
      if (nl < 0) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
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
      const ext = formatExt(e.name);
      if (TEXT_EXT.has(ext) || HTML_EXT.has(ext) || JSONL_EXT.has(ext) || FEED_EXT.has(ext)) yield p;
    }
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  return collect(maybeGunzip(process.stdin as AsyncIterable<Buffer>), maxBytes);
}

/** JSONL records of decoded content (stdin, a fetched page), one piece per non-blank line. */
function* recordsOf(content: string, origin: string): Generator<Piece> {
  const lines = content.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    seen++;
    yield { kind: 'record', origin: `${origin}:${i + 1}`, line: lines[i] };
  }
  if (seen === 0) yield { kind: 'error', origin, error: 'empty input (no JSONL records)' };
}

/** A JSONL file, streamed: the size limit applies to each record, not to the file. */
async function* streamRecords(path: string, maxBytes: number): AsyncGenerator<Piece> {
  const { fh } = await openRegular(path);
  try {
    let seen = 0;
    for await (const [n, line] of linesOf(maybeGunzip(chunksOf(fh)), maxBytes)) {
      const where = `${path}:${n}`;
      if (line instanceof InputError) { seen++; yield { kind: 'error', origin: where, error: line.message }; continue; }
      if (!line.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d)) continue;
      seen++;
      try {
        // A NUL refuses only its line (it cannot be in valid JSON), not the whole batch.
        if (line.includes(0)) throw new InputError('binary data (a NUL byte) in the line');
        yield { kind: 'record', origin: where, line: decodeUtf8(line, { allowNul: true }) };
      } catch (e) {
        yield { kind: 'error', origin: where, error: failure(where, e).error };
      }
    }
    if (seen === 0) yield { kind: 'error', origin: path, error: 'empty input (no JSONL records)' };
  } finally {
    await fh.close();
  }
}

function contentPieces(content: string, origin: string, format: Format, url?: string): Piece[] | Generator<Piece> {
  if (format === 'jsonl') return recordsOf(content, origin);
  return [{ kind: 'content', origin, format, content, ...(url ? { url } : {}) }];
}

/** One input path, URL or "-" -> pieces; never throws for a bad input. */
async function* readOne(path: string, opts: IngestOptions, inDir: boolean): AsyncGenerator<Piece> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const origin = path === '-' ? 'stdin' : path;
  const err = (e: unknown): Piece => ({ kind: 'error', origin, error: failure(origin, e).error });
  if (isUrl(path)) {
    try {
      const { fetchPage } = await import('./fetch.ts');
      const page = await fetchPage(path, { maxBytes, ...opts.fetch });
      if (page.status === 304) return;
      const content = decodeUtf8(page.body);
      const format = opts.format ?? page.format ?? formatOf(new URL(page.url).pathname, content)!;
      yield* contentPieces(content, path, format, page.url);
    } catch (e) {
      yield err(e);
    }
    return;
  }
  let bytes: Uint8Array;
  try {
    if (path === '-' || STDIN_PATHS.has(path)) bytes = await readStdin(maxBytes);
    else {
      const info = await stat(path);
      if (info.isDirectory()) {
        let any = false;
        for await (const file of walk(path)) {
          any = true;
          yield* readOne(file, opts, true);
        }
        if (!any) yield { kind: 'error', origin, error: 'directory holds no .txt, .html, .jsonl or feed (.rss, .atom, .xml) files (or .gz of them)' };
        return;
      }
      if (!info.isFile()) throw new InputError(`${kindOf(info)}, not a regular file: only files, directories and stdin (-) are read`);
      if (formatOf(path, undefined, opts.format) === 'jsonl') { yield* streamRecords(path, maxBytes); return; }
      bytes = await readFileBounded(path, maxBytes);
    }
  } catch (e) {
    yield err(e);
    return;
  }
  let content: string;
  try {
    content = decodeUtf8(bytes, { allowNul: formatOf(path, undefined, opts.format) === 'jsonl' });
  } catch (e) {
    yield err(e);
    return;
  }
  const format = formatOf(path, content, opts.format);
  if (format === undefined) {
    if (!inDir) yield { kind: 'error', origin, error: 'unknown format; use --format text|html|jsonl|feed' };
    return;
  }
  yield* contentPieces(content, origin, format);
}

/** Pieces from files, directories (walked in name order), URLs and stdin ("-"), in order. */
export async function* readPieces(paths: string[], opts: IngestOptions = {}): AsyncGenerator<Piece> {
  for (const path of paths) yield* readOne(path, opts, false);
}

/** Metadata text on one line, without control characters. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

async function recordDocument(line: string, where: string, base: Partial<DocumentMeta>): Promise<Document> {
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
  const doc = html !== undefined ? (await import('./html.ts')).documentFromHtml(html, meta) : documentFromText(text!, meta);
  doc.meta.format = 'jsonl';
  return doc;
}

/** One piece -> its documents (a feed has several) or errors naming the input; never throws. */
export async function buildPiece(piece: Piece, base: Partial<DocumentMeta>): Promise<IngestResult[]> {
  if (piece.kind === 'error') return [{ ok: false, origin: piece.origin, error: piece.error }];
  if (piece.kind === 'document') return [{ ok: true, doc: piece.doc }];
  try {
    if (piece.kind === 'record') return [{ ok: true, doc: await recordDocument(piece.line, piece.origin, base) }];
    if (piece.format === 'feed') return [...(await import('./feed.ts')).feedDocuments(piece.content, piece.origin, base)];
    // A fetched page: its URL (after redirects) is its metadata; HTML names its outlet itself, text by the URL.
    // What a feed said about the item (its date, outlet, title) stands unless the run's options say otherwise.
    const meta: Partial<DocumentMeta> & { origin: string } = { ...piece.meta, ...base, origin: piece.origin, ...(piece.url ? { url: piece.url } : {}) };
    if (piece.url && piece.format === 'text') meta.outlet ??= outletFromUrl(piece.url);
    const doc = piece.format === 'html' ? (await import('./html.ts')).documentFromHtml(piece.content, meta) : documentFromText(piece.content, meta);
    return [{ ok: true, doc }];
  } catch (e) {
    return [failure(piece.origin, e)];
  }
}

/** Documents from files, directories (walked in name order), JSONL batches, URLs and stdin ("-"), in order. */
export async function* readInputs(paths: string[], opts: IngestOptions = {}): AsyncGenerator<IngestResult> {
  const base = baseMeta(opts);
  for await (const piece of readPieces(paths, opts)) yield* await buildPiece(piece, base);
}

/**
 * How many pieces readPieces will yield, for a progress bar's N: files, URLs, and each JSONL file's
 * non-blank lines (one quick pass over its bytes). Undefined when it cannot be told (stdin, an error).
 */
export async function countPieces(paths: string[], opts: IngestOptions = {}): Promise<number | undefined> {
  let n = 0;
  const countFile = async (path: string) => {
    if (formatOf(path, undefined, opts.format) !== 'jsonl') { n++; return; }
    const { fh } = await openRegular(path);
    try {
      let records = 0;
      let blank = true;
      for await (const chunk of maybeGunzip(chunksOf(fh))) {
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i];
          if (b === 10) { if (!blank) records++; blank = true; } else if (b !== 32 && b !== 9 && b !== 13) blank = false;
        }
      }
      n += Math.max(1, records + (blank ? 0 : 1));
    } finally {
      await fh.close();
    }
  };
  try {
    for (const path of paths) {
      if (isUrl(path)) { n++; continue; }
      if (path === '-' || STDIN_PATHS.has(path)) return undefined;
      const info = await stat(path);
      if (info.isDirectory()) { for await (const file of walk(path)) await countFile(file); } else await countFile(path);
    }
  } catch {
    return undefined;
  }
  return n;
}
