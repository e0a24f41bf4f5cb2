// How lists of names are ordered, identically on SQLite and PostgreSQL and as people read them
// (docs/decisions/0027): the key is the name lower-cased, decomposed (NFKD) and stripped of its combining
// marks, so "Éducation" sorts with "education" and "Zoning" after "affordable housing". Stored beside the name
// when it is written and compared byte by byte on both engines (PostgreSQL: COLLATE "C"), whatever the
// database's locale. Migration 0019 holds a frozen copy of this function for the rows before it.

/** The sort key of a name: lower-case, compatibility-decomposed, without accents and other marks. */
export function sortKey(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}
