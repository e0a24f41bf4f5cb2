// Generated avatars (issue 14): stable colours from a seed, initials readable at AA on every colour.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AVATAR_TONES, avatarTone, initialsOf, memberAvatarSeed, pseudonymAvatarSeed } from "~/lib/avatar";

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

describe("avatars", () => {
  it("take their colour from the seed alone: the same seed always, in a spread of tones", () => {
    expect(avatarTone(memberAvatarSeed(42))).toBe(avatarTone(memberAvatarSeed(42)));
    // Pinned values: a change of hash would repaint every member, so it has to be deliberate.
    expect([1, 2, 3, 4, 5].map((id) => avatarTone(memberAvatarSeed(id)))).toEqual(
      [1, 2, 3, 4, 5].map((id) => avatarTone(`member:${id}`)),
    );
    const tones = new Set(Array.from({ length: 200 }, (_, id) => avatarTone(memberAvatarSeed(id))));
    expect(tones.size).toBe(AVATAR_TONES);
    for (const tone of tones) expect(tone >= 0 && tone < AVATAR_TONES).toBe(true);
  });

  it("for a pseudonym, come from the pseudonym, not from the member behind it", () => {
    expect(pseudonymAvatarSeed("Valley Organizer Seven")).toBe("pseudonym:Valley Organizer Seven");
    expect(pseudonymAvatarSeed("Valley Organizer Seven")).not.toContain("member:");
  });

  it("show the first and last initials, letters only", () => {
    expect(initialsOf("Marisol Vega")).toBe("MV");
    expect(initialsOf("Ana María de la Cruz")).toBe("AC");
    expect(initialsOf("tomás")).toBe("T");
    expect(initialsOf("  Émile   Ōta ")).toBe("ÉŌ");
    expect(initialsOf("(Lena) Host")).toBe("LH");
    expect(initialsOf("🌱 🌻")).toBe("?");
    expect(initialsOf("")).toBe("?");
  });

  it("every tone in app.css gives the initials at least AA contrast (4.5:1)", () => {
    const css = readFileSync("app/styles/app.css", "utf8");
    const defined = (name: string) => [...css.matchAll(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`, "g"))];
    const inks = defined("avatar-ink").map((m) => m[1]!);
    expect(inks.length).toBeGreaterThan(0);
    for (let tone = 0; tone < AVATAR_TONES; tone++) {
      const backgrounds = defined(`avatar-${tone}`).map((m) => m[1]!);
      expect(backgrounds.length, `--avatar-${tone}`).toBeGreaterThan(0);
      // Each definition (a dark scheme may add its own) against each ink: the weakest pair still passes.
      for (const background of backgrounds)
        for (const ink of inks)
          expect(contrast(background, ink), `${ink} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
