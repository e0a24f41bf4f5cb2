// Names that would let a member pass for the site or its staff: refused as handles at join, and as display
// names at join and in the profile. (The seed's own team account is made by the model, not through a form.)
//
// The rule, on a "skeleton" of the name: accents and other marks dropped, fullwidth and styled letters read
// as plain ones (NFKD), look-alikes read as the Latin letter they imitate (Cyrillic "а", Greek "ο", "0" for
// "o", "1" or "|" for "l", "rn" for "m", ...), then everything but letters removed. A name is refused when
// - it is made only of staff words ("Admin", "admin_1", "Mod Team", "R0undtable  Team", "the_staff2"),
//   optionally plural, with "the", "of", "and", "official" between them, digits and punctuation ignored; or
// - one of its words is one nobody else may use ("Ana, moderator", "roundtable_ana", "sysadmin42").
// Words that are common outside of staff roles (team, support, help, staff, system, root ...) are refused only
// on their own, so "Support worker Ana", "Help desk volunteer" or "Team lead Joy" stay possible. Moderators
// and admins may give their role in their own name ("Ana Ruiz, moderator"): it is true of them.

/** Words a name may not consist of (alone or together). */
const STAFF_WORDS = [
  "admin",
  "admins",
  "administrator",
  "moderator",
  "mod",
  "staff",
  "support",
  "roundtable",
  "system",
  "root",
  "help",
  "helpdesk",
  "official",
  "team",
  "security",
  "abuse",
  "postmaster",
  "webmaster",
  "hostmaster",
  "noreply",
  "info",
  "contact",
  "owner",
  "operator",
  "service",
  "sysadmin",
  "superuser",
  "trust",
  "safety",
];
/** Words that only the site and its staff may use, even among other words. */
const STAFF_ONLY_WORDS = ["admin", "administrator", "moderator", "mod", "roundtable", "sysadmin", "superuser"];
const FILLER_WORDS = ["the", "official", "of", "and"];

// Look-alikes of Latin letters, as the letter they imitate (after NFKD). Capitals are listed where they
// imitate another letter than their small form does (Greek "Μ" is an M, "μ" a u).
const LOOKALIKES: Record<string, string> = {
  // Greek and Cyrillic capitals
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "i",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  М: "m",
  Т: "t",
  У: "y",
  // Cyrillic
  а: "a",
  в: "b",
  ь: "b",
  с: "c",
  ԁ: "d",
  е: "e",
  ё: "e",
  һ: "h",
  н: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  м: "m",
  п: "n",
  о: "o",
  р: "p",
  ԛ: "q",
  г: "r",
  ѕ: "s",
  т: "t",
  у: "y",
  ԝ: "w",
  х: "x",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  // Latin letters NFKD leaves alone
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ŧ: "t",
  ɑ: "a",
  ɡ: "g",
  ß: "ss",
  // Digits and symbols used as letters
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
  "|": "l",
  "!": "l",
};

/** A name as a reader might take it in at a glance: words of plain lowercase letters. */
function skeletonWords(name: string, digits: "as-letters" | "dropped"): string[] {
  const plain = name.normalize("NFKD").replace(/\p{M}|\p{Cf}/gu, "");
  let mapped = "";
  for (const char of plain) {
    const small = char.toLowerCase();
    if (digits === "dropped" && /[0-9]/.test(char)) mapped += " ";
    else mapped += LOOKALIKES[char] ?? LOOKALIKES[small] ?? small;
  }
  const words = mapped
    .replace(/rn/g, "m")
    .replace(/i/g, "l")
    .split(/[^a-z]+/)
    .filter(Boolean);
  // "A D M I N" and "a.d.m.i.n" are one word spelled out: runs of single letters are read as one.
  const joined: string[] = [];
  let run = "";
  for (const word of words) {
    if (word.length === 1) {
      run += word;
      continue;
    }
    if (run) joined.push(run);
    run = "";
    joined.push(word);
  }
  if (run) joined.push(run);
  return joined;
}

// The word lists in skeleton form, as names are compared.
const skeleton = (word: string) => word.replace(/rn/g, "m").replace(/i/g, "l");
const STAFF = new Set(STAFF_WORDS.map(skeleton));
const STAFF_ONLY = new Set(STAFF_ONLY_WORDS.map(skeleton));
const FILLER = new Set(FILLER_WORDS.map(skeleton));

/** Whether text (no spaces) splits entirely into staff words and fillers, at least one of them a staff word. */
function isStaffWords(text: string): boolean {
  const ends = new Map<number, boolean>([[0, false]]); // position -> a staff word was used to get there
  for (let i = 0; i < text.length; i++) {
    if (!ends.has(i)) continue;
    for (let j = i + 1; j <= text.length; j++) {
      const piece = text.slice(i, j);
      const singular = piece.endsWith("s") ? piece.slice(0, -1) : piece;
      const staff = STAFF.has(piece) || STAFF.has(singular);
      if (staff || FILLER.has(piece)) ends.set(j, ends.get(j) || ends.get(i)! || staff);
    }
  }
  return ends.get(text.length) === true;
}

function posesAsStaff(words: string[]): boolean {
  if (!words.length) return false;
  if (isStaffWords(words.join(""))) return true;
  return words.some((w) => STAFF_ONLY.has(w) || (w.endsWith("s") && STAFF_ONLY.has(w.slice(0, -1))));
}

function reserved(name: string): boolean {
  return posesAsStaff(skeletonWords(name, "as-letters")) || posesAsStaff(skeletonWords(name, "dropped"));
}

// Message keys (forms catalog), translated where they are shown.
export const RESERVED_HANDLE_MESSAGE = "forms:handle.reserved";
export const STAFF_NAME_MESSAGE = "forms:displayName.staffLike";

/** Whether a handle (already lowercase letters, digits and underscores) is kept for the site's own use. */
export function isReservedHandle(handle: string): boolean {
  return reserved(handle);
}

/** Whether a display name reads as the site, its staff or its moderators. */
export function isStaffLikeName(name: string): boolean {
  return reserved(name);
}
