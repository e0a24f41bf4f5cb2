// A post's language (issue 18, docs/decisions/0038): the bounded list, its names in the reader's language, and
// the lang/dir attributes a post body gets inside a page. Pure functions, the same on the server and in the browser.
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/lib/i18n";
import { isPostLanguage, POST_LANGUAGES, postLanguageAttributes, postLanguageName } from "~/lib/post-language";
import { postLanguageSchema, readPostLanguage } from "~/lib/post-language-schemas";

describe("the post languages", () => {
  it("start with the interface languages, hold each code once, and are what the schema accepts", () => {
    expect(POST_LANGUAGES.slice(0, LANGUAGES.length)).toEqual([...LANGUAGES]);
    expect(new Set(POST_LANGUAGES).size).toBe(POST_LANGUAGES.length);
    for (const code of POST_LANGUAGES) {
      expect(isPostLanguage(code)).toBe(true);
      // Every code is one Intl knows by name, in both interface languages.
      expect(postLanguageName(code, "en")).not.toBe(code);
      expect(postLanguageName(code, "es")).not.toBe(code);
    }
    for (const bad of ["", "EN", "es-ES", "xx", "en ", "<b>", null, 3]) expect(isPostLanguage(bad)).toBe(false);
    expect(postLanguageSchema.safeParse(" ko ").data).toBe("ko");
    expect(postLanguageSchema.safeParse("").data).toBeUndefined();
    expect(postLanguageSchema.safeParse("xx").success).toBe(false);
  });

  it("are named in the reader's language, capitalised for a list", () => {
    expect(postLanguageName("ko", "en")).toBe("Korean");
    expect(postLanguageName("ko", "es")).toBe("Coreano");
    expect(postLanguageName("hy", "es")).toBe("Armenio");
    expect(postLanguageName("es", "es")).toBe("Español");
  });

  it("a form's field: the code, undefined when absent, or the message for the select", () => {
    const form = (value?: string) => {
      const data = new FormData();
      if (value !== undefined) data.set("postLanguage", value);
      return data;
    };
    expect(readPostLanguage(form("vi"))).toEqual({ ok: true, language: "vi" });
    expect(readPostLanguage(form())).toEqual({ ok: true, language: undefined });
    expect(readPostLanguage(form("nope"))).toEqual({
      ok: false,
      fieldErrors: { postLanguage: "Choose the post's language from the list." },
    });
  });
});

describe("a post body's attributes", () => {
  it("lang only where the post's language differs from the page's; dir for right-to-left scripts", () => {
    expect(postLanguageAttributes("es", "en")).toEqual({ lang: "es" });
    expect(postLanguageAttributes("es", "es")).toEqual({});
    expect(postLanguageAttributes("fa", "en")).toEqual({ lang: "fa", dir: "rtl" });
    expect(postLanguageAttributes("ar", "es")).toEqual({ lang: "ar", dir: "rtl" });
    // Unknown (written before posts had a language): the page's language is inherited.
    expect(postLanguageAttributes(null, "es")).toEqual({});
    expect(postLanguageAttributes(undefined, "en")).toEqual({});
  });
});
