// tr() and schema messages (lib/translate.ts): text made outside React is in the language of the work in
// progress (a request's, or an email recipient's), through every await, and falls back to English outside any.
import { describe, expect, it } from "vitest";
import { inLanguage } from "~/lib/request-language.server";
import { tr, translateMessage } from "~/lib/translate";
import { parseForm, threadSchema } from "~/lib/validation";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("tr", () => {
  it("is English outside any request, and the chosen language inside one, across awaits", async () => {
    expect(tr("forms:title.required")).toBe("Give your post a title.");
    const seen = await inLanguage(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tr("forms:title.required");
    }, "es");
    expect(seen).toBe("Ponle un título a tu publicación.");
    expect(tr("forms:title.required")).toBe("Give your post a title.");
  });

  it("keeps two requests in different languages apart while both are in flight", async () => {
    const slow = (language: "en" | "es", ms: number) =>
      inLanguage(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return tr("forms:handle.required");
      }, language);
    expect(await Promise.all([slow("es", 20), slow("en", 5), slow("es", 1)])).toEqual([
      "Elige un nombre de usuario.",
      "Choose a handle.",
      "Elige un nombre de usuario.",
    ]);
  });

  it("formats numbers in values for the language", () => {
    expect(translateMessage("forms:body.post.tooLong", { maximum: 50000 })).toContain("50,000");
    expect(inLanguage(() => translateMessage("forms:body.post.tooLong", { maximum: 50000 }), "es")).toMatch(
      /50\.000|50 000/,
    );
  });

  it("shows a message that is not a key, or an unknown key, as it is", () => {
    expect(translateMessage("Plain words: not a key.")).toBe("Plain words: not a key.");
    expect(translateMessage("forms:no.such.key")).toBe("forms:no.such.key");
  });
});

describe("parseForm", () => {
  it("gives each field's message in the sender's language, with the schema's numbers", () => {
    const bad = form({ title: "Hey", bodySource: "" });
    const english = parseForm(threadSchema, bad, ["tagSlugs"]);
    const spanish = inLanguage(() => parseForm(threadSchema, bad, ["tagSlugs"]), "es");
    if (english.success || spanish.success) throw new Error("the form should be refused");
    expect(english.fieldErrors).toEqual({
      title: "Titles need at least 5 characters.",
      bodySource: "Write your post before posting.",
      tagSlugs: "Choose at least one topic, so people can find your post.",
    });
    expect(spanish.fieldErrors).toEqual({
      title: "El título necesita al menos 5 caracteres.",
      bodySource: "Escribe tu publicación antes de publicar.",
      tagSlugs: "Elige al menos un tema, para que la gente encuentre tu publicación.",
    });
  });

  it("judges text validity in the sender's language too", () => {
    const result = inLanguage(() => parseForm(threadSchema, form({ title: "Un\ntítulo" }), ["tagSlugs"]), "es");
    if (result.success) throw new Error("the form should be refused");
    expect(result.fieldErrors.title).toBe("Escríbelo en una sola línea, sin tabulaciones ni saltos de línea.");
  });
});
