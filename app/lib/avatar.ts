// Generated avatars (issue 14): a member's initials in a circle whose colour comes from a stable seed, until
// members can upload a picture. The colours are CSS variables (--avatar-0 … --avatar-7 in app.css :root),
// each dark enough for white initials at AA (tests/lib/avatar.test.ts reads them and checks).

export const AVATAR_TONES = 8;

/** "Marisol Vega" -> "MV", "tomás" -> "T", "李小龍" -> "李"; letters, not emoji or punctuation. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .map((word) => Array.from(word).find((ch) => /[\p{L}\p{N}]/u.test(ch)));
  const letters = words.filter((ch): ch is string => ch !== undefined);
  if (!letters.length) return "?";
  const chosen = letters.length === 1 ? [letters[0]!] : [letters[0]!, letters[letters.length - 1]!];
  return chosen.join("").toLocaleUpperCase();
}

/** FNV-1a over the seed's UTF-16 units: the same seed gives the same tone in Node and every browser. */
export function avatarTone(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_TONES;
}

/** The seed for a member's avatar: their id, which a rename does not change. */
export const memberAvatarSeed = (memberId: number) => `member:${memberId}`;
/** The seed for a pseudonym's avatar: the pseudonym alone, so the avatar never tells who is behind it. */
export const pseudonymAvatarSeed = (pseudonym: string) => `pseudonym:${pseudonym}`;
