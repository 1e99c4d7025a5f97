// Text normalisation, done exactly once at ingest: every offset in the system points into its output.

/** Why an input was rejected; the message is one line and names no internals. */
export class InputError extends Error {}

/**
 * The longest text analysed as one document: several times a long report, far beyond any article. A
 * longer one (a book, a site dump in one file) is refused with a clear error rather than taking minutes
 * and gigabytes; split it into documents.
 */
export const MAX_TEXT_CHARS = 3_000_000;

export function checkTextLength(text: string): void {
  if (text.length > MAX_TEXT_CHARS) throw new InputError(`text too long for one document (${text.length.toLocaleString('en')} characters; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')}): split it into articles`);
}

/**
 * BOM, CRLF, Unicode NFC, control characters, non-breaking and odd spaces, trailing spaces and
 * runs of blank lines. Quotes and dashes are kept as written: attribution reads them.
 */
export function normaliseText(raw: string): string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  // C0/C1 controls except tab and newline; zero-width characters that break words.
  text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u200c\u200d\u2060\ufeff]/g, '');
  text = text.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, ' ');
  text = text.replace(/\u2028|\u2029/g, '\n');
  text = text.replace(/ +\n/g, '\n').replace(/\n{3,}/g, '\n\n');
  // Advertisement slots a page scrape leaves between sentences (". AD The police said"): not text.
  text = text.replace(/([.!?"”’)])[ \n]+(?:AD[ \n]+)+(?=[\p{Lu}“"‘'])/gu, '$1 ');
  return text.trim();
}

/**
 * Decode bytes as UTF-8 or say why not. Binary data (NUL bytes, many control characters) is
 * rejected before decoding so a user learns "binary", not a confusing encoding error.
 */
export function decodeUtf8(bytes: Uint8Array, opts: { allowNul?: boolean } = {}): string {
  if (bytes.length === 0) throw new InputError('empty input');
  // A NUL anywhere (not only in the first 8 KB, where the sample below looks) marks binary data; a
  // JSONL batch may allow it, to refuse only the lines that hold one.
  if (!opts.allowNul) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) >= 0) throw new InputError(`binary input (contains NUL bytes), not text`);
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  let controls = 0;
  for (const b of sample) {
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (controls > sample.length * 0.05) throw new InputError('binary input (too many control characters), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); convert it to UTF-8 first`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}
