import { describe, expect, it } from "vitest";
import { slugify } from "~/lib/slug";

describe("slugify", () => {
  it("folds diacritics, lowercases and joins words with hyphens", () => {
    expect(slugify("Organización comunitaria: ¡Sí se puede!")).toBe("organizacion-comunitaria-si-se-puede");
    expect(slugify("🙂🙂")).toBe("thread");
    expect(slugify("a".repeat(200))).toHaveLength(80);
  });

  it("never produces a slug that names another page of the thread", () => {
    expect(slugify("Close!!")).toBe("close-thread");
    expect(slugify("Follow")).toBe("follow-thread");
  });
});
