// Invented news reports for `bench --ingest`: thousands of distinct, varied documents (length, format,
// places, actors, figures, attributions) from a seeded generator, so a run is the same on every machine
// and nothing is copied from any real report.

/** Mulberry32: small, fast, seeded. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['Goma', 'Mosul', 'Kharkiv', 'Aleppo', 'Mogadishu', 'Bamako', 'Kabul', 'Sanaa', 'Tripoli', 'Juba', 'Maiduguri', 'Idlib', 'Donetsk', 'Kirkuk', 'Gao', 'Beni', 'Marawi', 'Peshawar', 'Quetta', 'Benghazi'];
const VILLAGES = ['Tamar', 'Kessa', 'Orlin', 'Bavoda', 'Miret', 'Sulan', 'Harrow Ford', 'Delvi', 'Ankor', 'Pasmir'];
const ACTORS = ['government forces', 'the army', 'rebel fighters', 'a local militia', 'police', 'unidentified gunmen', 'insurgents', 'security forces', 'armed men on motorcycles', 'soldiers'];
const GROUPS = ['the United Liberation Front', 'the Northern Defence Council', 'the Popular Resistance Army', 'the Hill Brigades', 'the Coastal Guard Movement'];
const PEOPLE = ['Amina Sule', 'Jonas Varga', 'Li Wen', 'Omar Haddad', 'Grace Otieno', 'Pedro Salas', 'Nadia Karimova', 'Tomas Brandt'];
const ROLES = ['a provincial governor', 'a military spokesman', 'a local official', 'a hospital director', 'a police commander', 'an aid worker'];
const WEAPONS = ['a car bomb', 'mortar fire', 'an air strike', 'a roadside bomb', 'artillery shells', 'a drone strike', 'small-arms fire'];
const DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday', 'overnight', 'late on Friday', 'early on Sunday'];
const WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'a dozen'];

type Pick = <T>(xs: T[]) => T;

const SENTENCES: ((p: Pick, n: () => number) => string)[] = [
  (p, n) => `${cap(p(ACTORS))} killed ${n()} people in ${p(VILLAGES)}, near ${p(PLACES)}, ${p(DAYS)}, ${p(ROLES)} said.`,
  (p, n) => `At least ${n()} civilians were wounded when ${p(WEAPONS)} hit a market in ${p(PLACES)} ${p(DAYS)}.`,
  (p) => `"We heard the first explosion before dawn and then the shooting did not stop," said ${p(PEOPLE)}, who lives in ${p(VILLAGES)}.`,
  (p, n) => `${p(PEOPLE)}, ${p(ROLES)}, told reporters that ${n()} fighters of ${p(GROUPS)} had been captured.`,
  (p, n) => `The attack came ${n()} days after ${p(ACTORS)} clashed with ${p(GROUPS)} on the road to ${p(PLACES)}.`,
  (p) => `According to ${p(ROLES)}, ${p(GROUPS)} claimed responsibility in a statement posted online.`,
  (p, n) => `Medical workers at the main hospital in ${p(PLACES)} said they had received ${n()} bodies and ${n()} injured.`,
  (p) => `Residents said many families had fled toward ${p(PLACES)} after ${p(WEAPONS)} struck homes ${p(DAYS)}.`,
  (p, n) => `${cap(p(WORDS))} soldiers were reported missing after the convoy was ambushed outside ${p(VILLAGES)}, and ${n()} vehicles were destroyed.`,
  (p) => `The ministry of defence denied that ${p(ACTORS)} had targeted civilians and called the reports "fabricated".`,
  (p) => `Aid agencies warned that the fighting around ${p(PLACES)} could cut off supplies to thousands of displaced people.`,
  (p, n) => `Some ${n() * 10} troops were sent to ${p(PLACES)} to secure the area, ${p(PEOPLE)} said by telephone.`,
  (p) => `No group has said it carried out the raid, and it was not possible to verify the accounts independently.`,
  (p, n) => `Local media reported that ${n()} police officers died when ${p(WEAPONS)} struck their checkpoint in ${p(PLACES)}.`,
  (p) => `"The situation is calm now but people are afraid to leave their homes," ${p(ROLES)} said.`,
  (p) => `The region has seen repeated violence since ${p(GROUPS)} took control of several districts last year.`,
  (p, n) => `Witnesses counted ${n()} houses burned in ${p(VILLAGES)}, and the mayor said ${n()} people were still unaccounted for.`,
  (p) => `${cap(p(ACTORS))} said they had repelled an assault on their positions near ${p(PLACES)} ${p(DAYS)}.`,
];

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export interface SyntheticDocument { format: 'text' | 'html'; content: string }

/** n distinct documents, 3 to 30 sentences each (a brief to a long report); about one in four is HTML. */
export function syntheticDocuments(n: number, seed = 18): SyntheticDocument[] {
  const random = generator(seed);
  const p: Pick = (xs) => xs[Math.floor(random() * xs.length)];
  const num = () => 2 + Math.floor(random() * 40);
  const docs: SyntheticDocument[] = [];
  for (let i = 0; i < n; i++) {
    const length = 3 + Math.floor(random() ** 2 * 28);
    const headline = `${cap(p(WEAPONS))} kills ${num()} in ${p(PLACES)} (report ${i + 1})`;
    const paragraphs: string[] = [];
    for (let s = 0; s < length; ) {
      const k = Math.min(length - s, 1 + Math.floor(random() * 3));
      paragraphs.push(Array.from({ length: k }, () => p(SENTENCES)(p, num)).join(' '));
      s += k;
    }
    if (random() < 0.25) {
      const body = paragraphs.map((t) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
      docs.push({ format: 'html', content: `<!doctype html><html><head><title>${headline}</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${headline}</h1><p class="byline">By ${p(PEOPLE)}</p>\n${body}</article><footer>Copyright Example News</footer></body></html>` });
    } else docs.push({ format: 'text', content: `${headline}\n\nBy ${p(PEOPLE)}\n\n${paragraphs.join('\n\n')}\n` });
  }
  return docs;
}
