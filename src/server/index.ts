// `sitrep serve`: node:http serving the JSON API (api.ts) and the web app (web/), read-only unless
// started with --allow-ingest. No framework: a handful of routes, our own headers.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { hostname, networkInterfaces } from 'node:os';
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
  '/toll-chart.js': () => join(ROOT, 'web', 'toll-chart.js'),
  '/review.js': () => join(ROOT, 'web', 'review.js'),
  '/api/openapi.json': () => join(ROOT, 'docs', 'openapi.json'),
  '/vendor/leaflet.js': () => require.resolve('leaflet/dist/leaflet.js'),
  '/vendor/leaflet.css': () => require.resolve('leaflet/dist/leaflet.css'),
  // Chart.js (the incidents-over-time chart); its package exports no dist path, so found beside its main file.
  '/vendor/chart.umd.js': () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  '/trend-chart.js': () => join(ROOT, 'web', 'trend-chart.js'),
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

export interface ServeOptions {
  allowIngest?: boolean;
  /** Accept an analyst's corrections (POST /api/corrections and the app's review buttons); guarded as ingest is. */
  allowEdit?: boolean;
  /**
   * With allowIngest: the secret a write must carry (header `Authorization: Bearer T` or `X-Sitrep-Token`,
   * or the cookie set by opening `/?token=T`). The CLI always sets one (printed at start, or --token);
   * a program embedding the server may leave it out, and then only Origin and Host guard writes.
   */
  token?: string;
  /** Host names (without port) the server answers to. createApp: these only (default the loopback names);
   * startServer: these beside its bound address and the loopback names. */
  hosts?: Iterable<string>;
  /** Bytes of API answers kept in the cache (default 64 MB); an answer over a quarter of it is not kept. */
  cacheBytes?: number;
  /** How long a client may take to send a whole request, headers and body (default 60 s). */
  requestTimeoutMs?: number;
}

/** A fresh write token: 128 random bits, URL-safe. */
export const newToken = () => randomBytes(16).toString('base64url');

const LOOPBACK = ['localhost', '127.0.0.1', '::1', '[::1]'];

/** The Host names a server bound to `host` answers to: the address itself, loopback names, and for a
 * wildcard address every interface address and the machine's name; plus names given by the operator. */
export function allowedHosts(host: string, extra: Iterable<string> = []): Set<string> {
  const names = new Set<string>(LOOPBACK);
  const add = (h: string) => { const n = h.toLowerCase().replace(/\.$/, ''); names.add(n); if (n.includes(':') && !n.startsWith('[')) names.add(`[${n}]`); };
  add(host);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address);
    add(hostname());
  }
  for (const h of extra) add(h);
  return names;
}

/** The host name of a Host header, lower-cased, without its port ("[::1]:8080" -> "[::1]"). */
function hostOf(header: string): string {
  const h = header.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:]*)(?::\d*)?$/.exec(h);
  return (m ? m[1] : h).replace(/\.$/, '');
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const TOKEN_COOKIE = 'sitrep_token';

/** A write (anything but GET/HEAD) must come from the server's own page and, when a token is set, carry it. */
function checkWrite(req: IncomingMessage, opts: ServeOptions): void {
  const origin = req.headers.origin;
  // Browsers send Origin on every cross-site write; a script (curl) sends none and must then hold the token.
  if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new HttpError(403, `cross-origin write refused (Origin ${origin.slice(0, 100)})`);
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, `cross-site write refused (Sec-Fetch-Site: ${site})`);
  if (!opts.token) return;
  const auth = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  const given = auth ?? (req.headers['x-sitrep-token'] as string | undefined) ?? cookie(req, TOKEN_COOKIE);
  if (!given || !sameSecret(given, opts.token)) throw new HttpError(401, 'a write needs the token printed when the server started: header "Authorization: Bearer TOKEN", or open the printed URL in the browser');
}

/** One request's work, aborted with a 400 if the client sends something no URL parser accepts. */
function parseTarget(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'malformed request target');
  }
}

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
  // Bounded by count and by bytes (body and its gzip): a few large answers must not hold gigabytes.
  type Answer = { generation: string; body: Buffer; gzip: Buffer; etag: string; headers?: Record<string, string> };
  const answers = new Map<string, Answer>();
  const MAX_ANSWERS = 64;
  const maxBytes = opts.cacheBytes ?? 64 * 1024 * 1024;
  let cachedBytes = 0;
  const forget = (key: string) => {
    const old = answers.get(key);
    if (old) { cachedBytes -= old.body.length + old.gzip.length; answers.delete(key); }
  };
  const remember = (key: string, entry: Answer) => {
    forget(key);
    const size = entry.body.length + entry.gzip.length;
    if (size > maxBytes / 4) return;
    while (answers.size && (answers.size >= MAX_ANSWERS || cachedBytes + size > maxBytes)) forget(answers.keys().next().value!);
    answers.set(key, entry);
    cachedBytes += size;
  };
  // A Set given is used as it is (startServer adds the address it bound to once listening).
  const hosts = opts.hosts instanceof Set ? opts.hosts : new Set([...(opts.hosts ?? LOOPBACK)].map((h) => h.toLowerCase()));
  const app = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    let path = '?';
    try {
      // DNS rebinding: a page on another name that resolves here must not read the store.
      const host = req.headers.host;
      if (!host || !hosts.has(hostOf(host))) throw new HttpError(421, `unknown host ${JSON.stringify(String(host ?? '').slice(0, 100))}; start the server with --host NAME to answer to it`);
      const url = parseTarget(req);
      path = url.pathname;
      if (method !== 'GET' && method !== 'HEAD') checkWrite(req, opts);
      if (url.pathname === '/favicon.ico') { res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' }); res.end(); return; }
      // The printed start-up URL carries the token: the browser keeps it in a cookie no other site gets.
      if (url.pathname === '/' && url.searchParams.has('token') && opts.token) {
        if (!sameSecret(url.searchParams.get('token')!, opts.token)) throw new HttpError(401, 'wrong token');
        res.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${opts.token}; Path=/; HttpOnly; SameSite=Strict`, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
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
      // Ids are case-insensitive: one cache entry per document, whatever case the request spells it in.
      const key = (/^\/api\/documents\/[0-9a-f]+$/i.test(url.pathname) ? url.pathname.toLowerCase() : url.pathname) + url.search;
      const cached = method === 'GET' || method === 'HEAD' ? answers.get(key) : undefined;
      if (cached && cached.generation === generation) {
        send(req, res, 200, cached.body, cached.headers ?? { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, cached.etag, cached.gzip);
        return;
      }
      const result: ApiResult = await handleApi({ method, path: url.pathname, query: url.searchParams, body: () => readBody(req) }, store, { allowIngest: !!opts.allowIngest, allowEdit: !!opts.allowEdit });
      if ('json' in result) {
        const body = Buffer.from(JSON.stringify(result.json));
        // Revalidate every time; the ETag changes whenever the store does, so a repeat costs a 304.
        const etag = method === 'GET' || method === 'HEAD' ? `W/"${generation}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` : undefined;
        let gzipped: Buffer | undefined;
        if (etag && (result.status ?? 200) === 200 && body.length > 1024) {
          gzipped = gzipSync(body, { level: 4 });
          remember(key, { generation, body, gzip: gzipped, etag });
        }
        send(req, res, result.status ?? 200, body, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, etag, gzipped);
      } else {
        const h: Record<string, string> = { 'Content-Type': result.type, 'Cache-Control': 'no-cache' };
        if (result.filename) h['Content-Disposition'] = `attachment; filename="${result.filename}"`;
        const body = Buffer.from(result.body);
        // Exports are cached like answers (same generation, same query: same bytes).
        const etag = method === 'GET' || method === 'HEAD' ? `W/"${generation}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` : undefined;
        let gzipped: Buffer | undefined;
        if (etag && body.length > 1024) {
          gzipped = gzipSync(body, { level: 4 });
          remember(key, { generation, body, gzip: gzipped, etag, headers: h });
        }
        send(req, res, 200, body, h, etag, gzipped);
      }
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : 'internal error';
      if (status === 500) process.stderr.write(`sitrep serve: ${method} ${path}: ${(e as Error)?.stack ?? e}\n`);
      if (!res.headersSent) send(req, res, status, Buffer.from(JSON.stringify({ error: message, status })), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      else res.end();
    }
  };
  // The one error boundary: whatever a request does, it costs at most that request.
  const handler = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.on('error', () => {});
    res.on('error', () => {});
    return app(req, res).catch((e) => {
      process.stderr.write(`sitrep serve: ${req.method} ${String(req.url).slice(0, 200)}: ${(e as Error)?.stack ?? e}\n`);
      try {
        if (!res.headersSent) { res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }); res.end('{"error":"internal error","status":500}'); } else res.destroy();
      } catch { res.destroy(); }
    });
  };
  /** The answer cache's size, for tests and monitoring. */
  return Object.assign(handler, { cache: () => ({ entries: answers.size, bytes: cachedBytes }) });
}

export function startServer(store: Store, port: number, host: string, opts: ServeOptions = {}): Promise<Server> {
  const hosts = allowedHosts(host, opts.hosts ?? []);
  const app = createApp(store, { ...opts, hosts });
  // A slow client (slowloris, a body trickled in) holds a connection for a minute at most, not Node's
  // default five; timeouts are checked every second or two rather than every 30 s.
  const requestTimeout = opts.requestTimeoutMs ?? 60_000;
  const server = createServer({ requestTimeout, headersTimeout: Math.min(20_000, requestTimeout), connectionsCheckingInterval: Math.min(2000, requestTimeout) }, (req, res) => { void app(req, res); });
  // A request that cannot even be parsed gets a 400 and its connection closed; the server goes on.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // A name given to listen on answers by the address it resolved to as well.
      const bound = server.address();
      if (bound && typeof bound === 'object') for (const h of allowedHosts(bound.address)) hosts.add(h);
      server.on('error', (e) => process.stderr.write(`sitrep serve: ${(e as Error).message}\n`));
      resolve(server);
    });
  });
}
