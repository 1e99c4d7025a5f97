import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { documentFromHtml, documentFromText, extractHtml, readInputs, type IngestResult } from '../src/ingest/index.ts';
import { decodeUtf8, normaliseText } from '../src/ingest/normalise.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
async function all(paths: string[], opts = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of readInputs(paths, opts)) out.push(r);
  return out;
}
const sectionTexts = (doc: { text: string; sections: { start: number; end: number; kind: string }[] }, kind: string) =>
  doc.sections.filter((s) => s.kind === kind).map((s) => doc.text.slice(s.start, s.end));

const ARTICLE = `Militia fighters seize hilltop village

By Ana Quiroga

Fighters from a local militia seized the hilltop village of Tamar on Monday after a day of clashes, a regional official said.

Farmers fled toward the valley. (Photo: Example Desk via Example Wire)

The army said it would respond.`;

describe('normalisation', () => {
  it('removes BOM, CRLF, controls and odd spaces once', () => {
    assert.equal(normaliseText('\ufeffOne\r\ntwo\u00a0three\u0007\n\n\n\nfour  \n'), 'One\ntwo three\n\nfour');
  });
  it('drops advertisement slots a scrape leaves between sentences, and only those', () => {
    assert.equal(normaliseText('Police said it was safe. AD AD The mayor said "no threat." AD He left.'), 'Police said it was safe. The mayor said "no threat." He left.');
    assert.equal(normaliseText('In 79 AD the city fell. The AD campaign ran. It ended. AD 80 began.'), 'In 79 AD the city fell. The AD campaign ran. It ended. AD 80 began.');
  });
  it('rejects empty, binary and invalid UTF-8 bytes with clear messages', () => {
    assert.throws(() => decodeUtf8(new Uint8Array()), /empty/);
    assert.throws(() => decodeUtf8(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), /binary/);
    assert.throws(() => decodeUtf8(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f])), /not valid UTF-8 \(first bad byte at offset 3\)/);
  });
});

describe('plain text', () => {
  it('refuses a text too long for one document, from a file or a page, with a message that says so', () => {
    const sentence = 'The convoy was hit near the bridge on Monday, officials said. ';
    const long = 'Report\n\n' + sentence.repeat(Math.ceil(3_000_001 / sentence.length));
    assert.throws(() => documentFromText(long, { origin: 'long.txt' }), /text too long for one document .* the limit is 3,000,000/);
    assert.throws(() => documentFromHtml(`<html><body><article><p>${long}</p></article></body></html>`, { origin: 'long.html' }), /text too long/);
    assert.doesNotThrow(() => documentFromText('Report\n\n' + sentence.repeat(1000), { origin: 'ok.txt' }));
  });

  it('keeps headline, byline, caption and credit apart from the body', () => {
    const doc = documentFromText(ARTICLE, { origin: 't' });
    assert.deepEqual(sectionTexts(doc, 'headline'), ['Militia fighters seize hilltop village']);
    assert.deepEqual(sectionTexts(doc, 'byline'), ['By Ana Quiroga']);
    assert.deepEqual(sectionTexts(doc, 'caption'), ['Farmers fled toward the valley.']);
    assert.deepEqual(sectionTexts(doc, 'credit'), ['(Photo: Example Desk via Example Wire)']);
    assert.equal(sectionTexts(doc, 'body').length, 2);
    assert.equal(doc.meta.title, 'Militia fighters seize hilltop village');
    assert.equal(doc.meta.byline, 'Ana Quiroga');
  });
  it('splits a dateline from its paragraph', () => {
    const doc = documentFromText('Title line here\n\nKABUL (Example Wire) - Two rockets hit the airport on Sunday.', { origin: 't' });
    assert.deepEqual(sectionTexts(doc, 'dateline'), ['KABUL (Example Wire) -']);
    assert.deepEqual(sectionTexts(doc, 'body'), ['Two rockets hit the airport on Sunday.']);
  });
  it('reads a publication line and gives the same id to the same text', () => {
    const a = documentFromText('Headline\n\nPublished: Feb. 8, 2018\n\nBody text here.', { origin: 'a' });
    const b = documentFromText('Headline\r\n\r\nPublished: Feb. 8, 2018\r\n\r\nBody text here.\r\n', { origin: 'b' });
    assert.equal(a.meta.published, '2018-02-08');
    assert.equal(a.meta.publishedFrom, 'text');
    assert.equal(a.id, b.id);
  });
});

describe('HTML', () => {
  const html = `<!doctype html><html><head><title>Site | Convoy hit</title>
    <meta property="og:site_name" content="Example Post"><meta property="article:published_time" content="2024-05-06T08:00:00Z"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Convoy hit near the border</h1>
    <figure><img src="x.jpg"><figcaption>Smoke rises over the road. <span class="credit">Jo Smith/Example Images</span></figcaption></figure>
    <p>An aid convoy was hit by a drone near the border crossing on Sunday, killing three drivers, the aid agency said in a statement.</p>
    <p>The agency said the convoy had been clearly marked and that its route had been shared with both sides in advance of the trip.</p>
    <p>Officials from the two governments traded blame for the strike, which came a week after a similar attack on a fuel depot nearby.</p>
    </article><footer>Copyright Example Post</footer></body></html>`;
  it('extracts body paragraphs, caption and credit separately, with metadata', () => {
    const x = extractHtml(html, 'https://www.example.com/a');
    assert.equal(x.paragraphs.length, 3);
    assert.ok(x.paragraphs.every((p) => !p.includes('Smoke rises')));
    assert.deepEqual(x.captions, ['Smoke rises over the road.']);
    assert.deepEqual(x.credits, ['Jo Smith/Example Images']);
    assert.equal(x.published, '2024-05-06');
    assert.equal(x.outlet, 'Example Post');
  });
  it('builds a document whose sections slice the text', () => {
    const doc = documentFromHtml(html, { origin: 'h' });
    assert.equal(doc.meta.format, 'html');
    assert.equal(doc.meta.published, '2024-05-06');
    assert.ok(sectionTexts(doc, 'caption')[0].startsWith('Smoke rises'));
    for (const s of doc.sections) assert.equal(doc.text.slice(s.start, s.end).trim(), doc.text.slice(s.start, s.end));
  });
  it('rejects a page without article text', () => {
    assert.throws(() => documentFromHtml('<html><body><nav>Home</nav></body></html>', { origin: 'h' }), /no extractable article text/);
  });
  it('survives broken markup', () => {
    const doc = documentFromHtml('<html><body><p>Two soldiers were killed in an ambush on the northern road late on Friday, the ministry said in a short statement.<p>Unclosed <b>tags <i>everywhere', { origin: 'b' });
    assert.match(doc.text, /Two soldiers were killed/);
  });
});

describe('readInputs', () => {
  it('reads a directory in name order, one result per JSONL line, and goes on after bad inputs', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'First report\n\nA shell hit the market on Tuesday.');
    writeFileSync(join(dir, 'b.txt'), '');
    writeFileSync(join(dir, 'c.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
    writeFileSync(join(dir, 'd.txt'), Buffer.from([0x41, 0x42, 0xff, 0x43]));
    writeFileSync(join(dir, 'ignored.png'), Buffer.from([0x89, 0x50]));
    writeFileSync(join(dir, 'sub', 'e.jsonl'), '{"text": "Report one about a raid.", "url": "https://www.reuters.com/x", "published": "2020-01-02"}\nnot json\n{"title": "no body"}\n{"html": "<p>Three rockets landed near the base on Monday night, the army said in a statement released on Tuesday morning.</p>", "outlet": "Own"}\n');
    const results = await all([dir]);
    const malformed = results.splice(5, 1)[0];
    assert.ok(!malformed.ok && malformed.origin.endsWith('e.jsonl:2') && /^malformed JSON/.test(malformed.error));
    const summary = results.map((r) => (r.ok ? `ok ${r.doc.meta.origin}` : `err ${r.origin}: ${r.error}`));
    assert.deepEqual(summary.map((s) => s.replace(dir, 'D')), [
      'ok D/a.txt',
      'err D/b.txt: empty input',
      'err D/c.txt: binary input (contains NUL bytes), not text',
      'err D/d.txt: not valid UTF-8 (first bad byte at offset 2); convert it to UTF-8 first',
      'ok D/sub/e.jsonl:1',
      'err D/sub/e.jsonl:3: record has neither "text" nor "html"',
      'ok D/sub/e.jsonl:4',
    ]);
    const jsonl = results[4];
    assert.ok(results[6].ok && results[6].doc.meta.outlet === 'Own');
    assert.ok(jsonl.ok && jsonl.doc.meta.outlet === 'Reuters' && jsonl.doc.meta.published === '2020-01-02' && jsonl.doc.meta.format === 'jsonl');
  });
  it('names missing files, rejects inputs over the size limit, and lets --published win', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'ok.txt'), 'Headline\n\nPublished: 2001-01-01\n\nBody.');
    const results = await all([join(dir, 'missing.txt'), join(dir, 'big.txt'), join(dir, 'ok.txt')], { maxBytes: 1000, published: '2019-05-04' });
    assert.equal(results[0].ok, false);
    assert.match((results[0] as { error: string }).error, /no such file/);
    assert.match((results[1] as { error: string }).error, /too large \(2000 bytes; the limit is 1000\)/);
    assert.ok(results[2].ok && results[2].doc.meta.published === '2019-05-04' && results[2].doc.meta.publishedFrom === 'option');
  });
  it('rejects a malformed --published value', async () => {
    await assert.rejects(all(['x'], { published: '2019-02-30' }), /--published must be a date/);
  });
});

describe('feeds', () => {
  const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Borderlands Desk</title>
  <item>
    <title>Shelling hits village near Kessab</title>
    <link>https://borderlands.example/2024/03/07/kessab</link>
    <pubDate>Thu, 07 Mar 2024 18:20:00 GMT</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>Artillery shells hit the village of Kessab on Thursday, killing seven civilians, a local official said.</p>]]></content:encoded>
  </item>
  <item>
    <title>Clashes near Goma</title>
    <link>https://borderlands.example/2024/03/06/goma</link>
    <pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
    <description>Fighting near Goma killed three soldiers on Tuesday, the army said.</description>
  </item>
</channel>
</rss>`;
  const ATOM = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Sahel &amp;amp; Lakes Monitor</title>
  <entry>
    <title type="html">Ambush near Mopti &amp;amp; Djenne</title>
    <link rel="self" href="https://monitor.example/feed/1"/>
    <link rel="alternate" href="https://monitor.example/2024/05/ambush"/>
    <published>2024-05-12T07:00:00Z</published>
    <content type="html">&lt;p&gt;Gunmen ambushed a convoy near Mopti on Saturday, killing four soldiers, the army said.&lt;/p&gt;</content>
  </entry>
</feed>`;
  const write = (name: string, body: string) => { const d = mkdtempSync(join(tmpdir(), 'sitrep-feed-')); writeFileSync(join(d, name), body); return join(d, name); };

  it('reads each RSS item as a document: full content over the summary, title, link, date, outlet', async () => {
    const results = await all([write('desk.rss', RSS)]);
    assert.equal(results.length, 2);
    const [a, b] = results.map((r) => (r.ok ? r.doc : assert.fail(r.error)));
    assert.equal(a.meta.title, 'Shelling hits village near Kessab');
    assert.equal(a.meta.url, 'https://borderlands.example/2024/03/07/kessab');
    assert.equal(a.meta.outlet, 'Borderlands Desk');
    assert.equal(a.meta.published, '2024-03-07');
    assert.match(a.text, /^Shelling hits village near Kessab\n\nArtillery shells hit/);
    assert.doesNotMatch(a.text, /Short summary only/);
    assert.match(a.meta.origin, /desk\.rss#1$/);
    assert.match(b.text, /^Clashes near Goma\n\nFighting near Goma/);
    assert.equal(b.meta.published, '2024-03-06');
  });

  it('reads Atom entries, unescaping html titles and content, and takes the alternate link', async () => {
    const [r] = await all([write('monitor.atom', ATOM)]);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.doc.meta.title, 'Ambush near Mopti & Djenne');
    assert.equal(r.doc.meta.outlet, 'Sahel & Lakes Monitor');
    assert.equal(r.doc.meta.url, 'https://monitor.example/2024/05/ambush');
    assert.equal(r.doc.meta.published, '2024-05-12');
    assert.match(r.doc.text, /Gunmen ambushed a convoy near Mopti/);
    assert.doesNotMatch(r.doc.text, /<p>|&lt;/);
  });

  it('sniffs a feed without a telling file name, and --published and --outlet still win', async () => {
    const [r] = await all([write('download', ATOM)], { published: '2024-06-01', outlet: 'Wire X' });
    assert.ok(r.ok && r.doc.meta.published === '2024-06-01' && r.doc.meta.outlet === 'Wire X');
  });

  it('says what is wrong with a malformed or empty feed, naming it, and keeps the complete items of a cut-off one', async () => {
    const notFeed = await all([write('odd.xml', '<?xml version="1.0"?><catalog><book/></catalog>')]);
    assert.deepEqual(notFeed.map((r) => !r.ok && r.error), ['malformed feed: no <rss>, <feed> or <rdf:RDF> root element']);
    const empty = await all([write('empty.rss', '<rss version="2.0"><channel><title>Nothing</title></channel></rss>')]);
    assert.equal(empty.length, 1);
    assert.ok(!empty[0].ok && /no items/.test(empty[0].error) && /empty\.rss$/.test(empty[0].origin));
    const cut = await all([write('cut.rss', RSS.slice(0, RSS.indexOf('<item>', RSS.indexOf('</item>'))) + '<item><title>Half')]);
    assert.ok(cut.some((r) => !r.ok && /ends before <\/rss>/.test(r.error)));
    assert.ok(cut.some((r) => r.ok && r.doc.meta.title === 'Shelling hits village near Kessab'));
    const bare = await all([write('bare.rss', '<rss><channel><item><link>https://x.example/1</link></item></channel></rss>')]);
    assert.ok(bare.some((r) => !r.ok && /bare\.rss#1/.test(r.origin) && /neither a title nor any content/.test(r.error)));
  });
});
