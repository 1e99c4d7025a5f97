// chrono-node's casual English configuration with cheaper patterns for its four time-unit parsers
// ("two days ago", "a week later", "within a month", "past two years"). Their stock patterns open on a
// long alternation and repeat it under bounded quantifiers; V8 compiles a regex to native code on its
// second run (regexp tier-up), and these cost ~300 ms on the first documents a process analyses. The
// patterns below keep the stock groups, so chrono's own parsers still read each match: ~4 ms in all.
// The day-month parser ("4 March") gets its stock pattern with \s{0,3} as \s*: ~10 ms -> ~3 ms.
import * as chrono from 'chrono-node';

const NUMBER = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+(?:\.\d+)?|half(?:\s*an?)?|an?\b(?:\s*few)?|few|several|the|a?\s*couple\s*(?:of)?)`;
// Exactly chrono's unit words and abbreviations (s, sec, second(s), m, min(s), minute(s), mo(s), mon, month(s), ...), longest first.
const UNIT = String.raw`(?:s(?:ec(?:onds?)?)?|m(?:in(?:ute)?s?|o(?:nths?|s|n)?)?|h(?:rs?|ours?)?|d(?:ays?)?|w(?:eeks?)?|q(?:tr|uarters?)|y(?:r|ears?)?)`;
const ONE = String.raw`${NUMBER}\s*${UNIT}`;
const UNITS = String.raw`(?:(?:about|around)\s*)?${ONE}(?:\s*,?(?:\s*and)?\s*${ONE})*`;

/** Parsers whose pattern opens on a keyword: the same pattern, without bounded quantifiers. */
const PREFIXED: Record<string, RegExp> = {
  ENTimeUnitWithinFormatParser: new RegExp(String.raw`(\W|^)(?:within|in|for)\s*(?:(?:about|around|roughly|approximately|just)\s*(?:~\s*)?)?(${UNITS})(?=\W|$)`, 'i'),
  ENTimeUnitCasualRelativeFormatParser: new RegExp(String.raw`(\W|^)(this|last|past|next|after|\+|-)\s*(${UNITS})(?=\W|$)`, 'i'),
};
/**
 * Parsers whose pattern opens on the amount ("two days ago"): found from the closing word, with the
 * amount in a lookbehind (opening on the amount costs ~25 ms to compile even without bounded
 * quantifiers). The lookahead first keeps the lookbehind off every other position: 10x faster.
 */
const closing = (words: string) => new RegExp(String.raw`(?=${words})(?<=(\W|^)(${UNITS})(\s*))(?:${words})(?=\W|$)`, 'i');
const SUFFIXED: Record<string, RegExp> = {
  ENTimeUnitAgoFormatParser: closing('ago|before|earlier'),
  ENTimeUnitLaterFormatParser: closing('later|after|from now|henceforth|forward|out'),
};

function prefixed(parser: chrono.Parser, pattern: RegExp): chrono.Parser {
  return {
    // The within-parser reads a bare amount ("5 days") when forwardDate is set: its stock pattern then.
    pattern: (context) => (context.option.forwardDate ? parser.pattern(context) : pattern),
    extract: (context, match) => parser.extract(context, match),
  };
}

function suffixed(parser: chrono.Parser, pattern: RegExp): chrono.Parser {
  return {
    pattern: () => pattern,
    extract(context, match) {
      // Widen the match to the stock one ("(\W|^)(units)\s*ago"), in place: chrono reads index and [0] after.
      const before = match[1] + match[2] + match[3];
      match.index = match.index! - before.length;
      match[0] = before + match[0];
      return parser.extract(context, match);
    },
  };
}

/** The stock pattern with unbounded whitespace: bounded repeats are what make V8's native code large. */
function loosened(parser: chrono.Parser): chrono.Parser {
  let pattern: RegExp | undefined;
  return {
    pattern(context) {
      if (!pattern) {
        const stock = parser.pattern(context);
        pattern = new RegExp(stock.source.replace(/\\s\{0,\d\}/g, '\\s*'), stock.flags);
      }
      return pattern;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}

function configure(): chrono.Chrono {
  const conf = chrono.casual.clone();
  let replaced = 0;
  conf.parsers = conf.parsers.map((p) => {
    const name = p.constructor.name;
    const wrapped = PREFIXED[name] ? prefixed(p, PREFIXED[name]) : SUFFIXED[name] ? suffixed(p, SUFFIXED[name]) : name === 'ENMonthNameLittleEndianParser' ? loosened(p) : undefined;
    if (wrapped) replaced++;
    return wrapped ?? p;
  });
  if (replaced !== 5) throw new Error(`when: expected to replace 5 chrono parsers, found ${replaced} (chrono-node upgraded?)`);
  return conf;
}

/** The chrono instance the when stage reads dates with. */
export const CHRONO = configure();
