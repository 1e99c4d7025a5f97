// Abbreviations whose trailing period is part of the word, not the end of a sentence.

/** Titles and other abbreviations that are (almost) never the last word of a sentence. */
export const NON_FINAL_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt',
  'cpl', 'pvt', 'adm', 'cmdr', 'brig', 'lieut', 'pres', 'supt', 'insp', 'det', 'rev', 'fr', 'st', 'mt',
  'ft', 'hon', 'amb', 'atty', 'no', 'nos', 'vs', 'v', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'ave', 'blvd', 'rd', 'sq', 'fig', 'vol', 'pp', 'cf',
]);

/** Abbreviations that keep their period but can also close a sentence ("… in the U.S. The …"). */
export const FINAL_ABBREVIATIONS = new Set([
  'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'etc', 'bros', 'plc', 'llc', 'a.m', 'p.m', 'am', 'pm',
  // US states as AP writes them ("Ashton, Md.", "Del. Jane Doe"), leaving out those that are also words (Ill., Miss., Wash.).
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'kan', 'kans', 'ky', 'md', 'mich', 'minn', 'mont',
  'neb', 'nev', 'okla', 'ore', 'tenn', 'tex', 'vt', 'va', 'wis', 'wyo',
]);

/** Words that start sentences often enough that after "U.S." or "Inc." they signal a new one. */
export const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there',
  'in', 'on', 'at', 'but', 'and', 'so', 'yet', 'however', 'meanwhile', 'after', 'before', 'when', 'while',
  'if', 'as', 'his', 'her', 'its', 'their', 'our', 'my', 'some', 'many', 'one', 'no', 'both', 'neither',
  'since', 'last', 'earlier', 'later', 'officials', 'police', 'according',
]);
