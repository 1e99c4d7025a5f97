// Conventions the gazetteer's sources do not follow on their own.
//
// Country points: world-countries gives rough centres; gazetteers and geoparsing data coded with
// GeoNames use GeoNames' own country points, which for a few large countries lie several hundred km
// away. These are GeoNames' points for the countries where the two differ by more than ~150 km.
export const COUNTRY_POINTS: Record<string, [number, number]> = {
  US: [39.76, -98.5],
  CA: [60.10867, -113.64258],
  IN: [22, 79],
  JP: [35.68536, 139.75309],
  LY: [28, 17],
  AU: [-25, 135],
};

// A demonym shared by a country and one of its dependencies means the country: "Indian" is India, not
// the British Indian Ocean Territory; "Norwegian" is Norway, not Svalbard.
export const DEMONYM_OWNER: Record<string, string> = {
  IO: 'IN', SJ: 'NO', TF: 'FR', BQ: 'NL', MP: 'US', UM: 'US',
};

// Country names in current English news that world-countries does not list (it writes "Türkiye", and
// three-letter abbreviations are left out of the gazetteer's alternate names).
export const COUNTRY_NAMES: Record<string, string> = {
  turkey: 'TR', uae: 'AE', 'u a e': 'AE', bosnia: 'BA', 'the gambia': 'GM', 'the bahamas': 'BS', 'st lucia': 'LC',
  'st kitts and nevis': 'KN', 'st vincent and the grenadines': 'VC', 'trinidad and tobago': 'TT',
};
