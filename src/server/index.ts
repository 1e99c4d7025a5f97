// `sitrep serve`: node:http serving the JSON API (api.ts) and the web app (web/), read-only unless
// started with --allow-ingest. No framework: a handful of routes, our own headers.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Store } from '../store/index.ts';
import { handleApi, HttpError, type ApiResult } from './api.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Static files: the app itself, and the libraries and basemap it needs, from installed npm packages (offline). */
const STATIC: Record<string, () => string> = {
  '/': () => join(ROOT, 'web', 'index.html'),
  '/app.js': () => join(ROOT, 'web', 'app.js'),
  '/app.css': () => join(ROOT, 'web', 'app.css'),
  '/api/openapi.json': () => join(ROOT, 'docs', 'openapi.json'),
  '/vendor/leaflet.js': () => require.resolve('leaflet/dist/leaflet.js'),
  '/vendor/leaflet.css': () => require.resolve('leaflet/dist/leaflet.css'),
  '/vendor/topojson-client.js': () => require.resolve('topojson-client/dist/topojson-client.min.js'),
  // Natural Earth 1:50m countries as TopoJSON (world-atlas): the basemap, no tile server.
  '/vendor/countries-50m.json': () => require.resolve('world-atlas/countries-50m.json'),
  '/vendor/countries-110m.json': () => require.resolve('world-atlas/countries-110m.json'),
};

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8' };

/** Article text is untrusted: the app never renders it as HTML, and the policy forbids any script not ours. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export const MAX_BODY = 5 * 1024 * 1024;

export interface ServeOptions { allowIngest?: boolean }

interface Cached { body: Buffer; gzip?: Buffer; etag: string; type: string }
const staticCache = new Map<string, Cached>();

function loadStatic(path: string): Cached {
  const file = STATIC[path]();
  const hit = staticCache.get(file);
  const { mtimeMs, size } = statSync(file);
  const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
  if (hit && hit.etag === etag) return hit;
  const body = readFileSync(file);
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const entry: Cached = { body, etag, type: TYPES[ext] ?? 'application/octet-stream', gzip: body.length > 1024 ? gzipSync(body) : undefined };
  staticCache.set(file, entry);
  return entry;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>, etag?: string, gzipped?: Buffer): void {
  if (etag && status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...SECURITY_HEADERS, ETag: etag, 'Cache-Control': headers['Cache-Control'] ?? 'no-cache' });
    res.end();
    return;
  }
  let payload = body;
  const h: Record<string, string> = { ...SECURITY_HEADERS, ...headers, Vary: 'Accept-Encoding' };
  if (etag) h.ETag = etag;
  if (body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = gzipped ?? gzipSync(body, { level: 4 });
    h['Content-Encoding'] = 'gzip';
  }
  h['Content-Length'] = String(payload.length);
  res.writeHead(status, h);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function readBody(req: IncomingMessage): Promise<{ text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Too big: answer now and let the rest of the body drain unread.
      if (size > MAX_BODY) { chunks.length = 0; reject(new HttpError(413, `the body is larger than ${MAX_BODY / 1024 / 1024} MB`)); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      const bytes = Buffer.concat(chunks);
      try {
        resolve({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), type: String(req.headers['content-type'] ?? 'text/plain') });
      } catch {
        reject(new HttpError(400, 'the body is not valid UTF-8'));
      }
    });
    req.on('error', reject);
  });
}

/** The request handler: exported so tests can drive it on an ephemeral port. */
export function createApp(store: Store, opts: ServeOptions = {}) {
  // Recent GET answers, valid while the store's generation is unchanged: a map of 10,000 incidents is
  // queried, serialised and compressed once, not once per visitor.
  const answers = new Map<string, { generation: string; body: Buffer; gzip: Buffer; etag: string }>();
  const MAX_ANSWERS = 64;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname === '/favicon.ico') { res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' }); res.end(); return; }
      if (STATIC[url.pathname]) {
        if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} is not allowed on ${url.pathname}`);
        const file = loadStatic(url.pathname);
        // The page and its script change with sitrep; vendored libraries and the basemap do not.
        const maxAge = url.pathname.startsWith('/vendor/') ? 86400 : 0;
        const h = { 'Content-Type': file.type, 'Cache-Control': maxAge ? `public, max-age=${maxAge}` : 'no-cache' };
        send(req, res, 200, file.body, h, file.etag, file.gzip);
        return;
      }
      if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) throw new HttpError(404, `not found: ${url.pathname}`);
      const generation = await store.generation();
      const key = url.pathname + url.search;
      const cached = method === 'GET' || method === 'HEAD' ? answers.get(key) : undefined;
      if (cached && cached.generation === generation) {
        send(req, res, 200, cached.body, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, cached.etag, cached.gzip);
        return;
      }
      const result: ApiResult = await handleApi({ method, path: url.pathname, query: url.searchParams, body: () => readBody(req) }, store, { allowIngest: !!opts.allowIngest });
      if ('json' in result) {
        const body = Buffer.from(JSON.stringify(result.json));
        // Revalidate every time; the ETag changes whenever the store does, so a repeat costs a 304.
        const etag = method === 'GET' || method === 'HEAD' ? `W/"${generation}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` : undefined;
        let gzipped: Buffer | undefined;
        if (etag && (result.status ?? 200) === 200 && body.length > 1024) {
          gzipped = gzipSync(body, { level: 4 });
          if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
          answers.set(key, { generation, body, gzip: gzipped, etag });
        }
        send(req, res, result.status ?? 200, body, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, etag, gzipped);
      } else {
        const h: Record<string, string> = { 'Content-Type': result.type, 'Cache-Control': 'no-cache' };
        if (result.filename) h['Content-Disposition'] = `attachment; filename="${result.filename}"`;
        send(req, res, 200, Buffer.from(result.body), h);
      }
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : 'internal error';
      if (status === 500) process.stderr.write(`sitrep serve: ${method} ${url.pathname}: ${(e as Error).stack ?? e}\n`);
      if (!res.headersSent) send(req, res, status, Buffer.from(JSON.stringify({ error: message, status })), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      else res.end();
    }
  };
}

export function startServer(store: Store, port: number, host: string, opts: ServeOptions = {}): Promise<Server> {
  const app = createApp(store, opts);
  const server = createServer((req, res) => { void app(req, res); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(server); });
  });
}
