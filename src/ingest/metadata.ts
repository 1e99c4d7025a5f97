// Publication date and outlet from what the input says about itself.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A calendar date from metadata strings: ISO timestamps, "2018-02-08", "Feb. 8, 2018", "8 February 2018". */
export function parseDateString(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})\b/.exec(s);
  if (m && MONTHS[m[1].slice(0, 4).toLowerCase()] !== undefined) return iso(+m[3], MONTHS[m[1].slice(0, 4).toLowerCase()], +m[2]);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()] !== undefined) return iso(+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()], +m[2]);
  m = /\b(\d{1,2}) ([A-Z][a-z]{2,8})\.? (\d{4})\b/.exec(s);
  if (m && MONTHS[m[2].slice(0, 3).toLowerCase()] !== undefined) return iso(+m[3], MONTHS[m[2].slice(0, 3).toLowerCase()], +m[1]);
  return undefined;
}

/** Validate a --published value: YYYY-MM-DD that is a real day. */
export function checkPublishedOption(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = m ? iso(+m[1], +m[2], +m[3]) : undefined;
  if (!day) throw new Error(`--published must be a date as YYYY-MM-DD, got "${value}"`);
  return day;
}

// Outlets whose web host does not read as their name. Anything else falls back to the host itself.
const OUTLET_BY_HOST: Record<string, string> = {
  'reuters.com': 'Reuters', 'apnews.com': 'Associated Press', 'bbc.co.uk': 'BBC', 'bbc.com': 'BBC',
  'nytimes.com': 'The New York Times', 'washingtonpost.com': 'The Washington Post', 'theguardian.com': 'The Guardian',
  'aljazeera.com': 'Al Jazeera', 'cnn.com': 'CNN', 'france24.com': 'France 24', 'dw.com': 'Deutsche Welle',
  'wsj.com': 'The Wall Street Journal', 'ft.com': 'Financial Times', 'afp.com': 'AFP', 'sana.sy': 'SANA',
  'tass.com': 'TASS', 'interfax.com': 'Interfax', 'cbc.ca': 'CBC', 'abc.net.au': 'ABC', 'npr.org': 'NPR',
  'independent.co.uk': 'The Independent', 'telegraph.co.uk': 'The Telegraph', 'latimes.com': 'Los Angeles Times',
};

export function outletFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  host = host.replace(/^(www|m|mobile|edition|amp)\./, '');
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    if (OUTLET_BY_HOST[h]) return OUTLET_BY_HOST[h];
  }
  return host;
}

/** "Published: Feb. 8, 2018" or "Updated 2018-02-08" near the top of a plain-text article. */
export function publishedFromText(text: string): string | undefined {
  const head = text.slice(0, 1500);
  const m = /^(?:published|posted|updated|date|first published)\b[^\n]{0,12}?[:\s]\s*([^\n]{6,60})$/im.exec(head);
  return m ? parseDateString(m[1]) : undefined;
}
