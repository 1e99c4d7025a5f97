// Word-level gazetteer features for the tagger, built from our own lexicons.
import type { Gazetteer } from './features.ts';
import { ARMED_GROUPS, COUNTRIES, DEMONYMS, MEDIA, ORG_HEADS, ORGANISATIONS, TITLE_HEADS } from './lexicons.ts';

let cached: Gazetteer | undefined;

export function lexiconGazetteer(): Gazetteer {
  if (cached) return cached;
  const map = new Map<string, string[]>();
  const add = (word: string, tag: string) => {
    const list = map.get(word);
    if (!list) map.set(word, [tag]);
    else if (!list.includes(tag)) list.push(tag);
  };
  const addList = (list: string[], single: string, multi: string) => {
    for (const entry of list) {
      const parts = entry.split(' ');
      if (parts.length === 1) add(entry, single);
      else for (const p of parts) if (p.length > 2) add(p, multi);
    }
  };
  addList(COUNTRIES, 'loc', 'locw');
  addList(DEMONYMS, 'dem', 'dem');
  addList(TITLE_HEADS, 'title', 'title');
  addList(ORG_HEADS, 'orghead', 'orghead');
  addList(ARMED_GROUPS, 'org', 'orgw');
  addList(MEDIA, 'org', 'orgw');
  addList(ORGANISATIONS, 'org', 'orgw');
  cached = { lookup: (lower) => map.get(lower) };
  return cached;
}
