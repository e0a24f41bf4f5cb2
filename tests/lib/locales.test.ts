// The catalogs (issue 18, docs/decisions/0037): every key in every namespace exists in every language, with the
// plural forms that language needs, the same {{placeholders}} and the same <tags>; and every catalog file is
// one the app loads. A key missing in Spanish would show English (the fallback) in the middle of a Spanish page.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_CATALOGS as resources } from "~/lib/catalogs.server";
import { DEFAULT_LANGUAGE, i18nFor, LANGUAGES, NAMESPACES } from "~/lib/i18n";
import { REPO_ROOT } from "../e2e/support/server";

const LOCALES = join(REPO_ROOT, "app/locales");
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Catalog = { [key: string]: string | Catalog };

function leaves(catalog: Catalog, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [k, v] of leaves(value, path)) found.set(k, v);
  }
  return found;
}

function readCatalog(language: string, namespace: string): Map<string, string> {
  return leaves(JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), "utf8")) as Catalog);
}

/** Each key without its plural suffix, with the plural forms it has. */
function baseKeys(catalog: Map<string, string>): Map<string, Set<string>> {
  const bases = new Map<string, Set<string>>();
  for (const key of catalog.keys()) {
    const form = PLURAL_SUFFIX.exec(key)?.[1];
    const base = key.replace(PLURAL_SUFFIX, "");
    if (!bases.has(base)) bases.set(base, new Set());
    if (form) bases.get(base)!.add(form);
  }
  return bases;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const VOID_ELEMENTS = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)>/g)].map((m) => m[0]).sort();

describe("translation catalogs", () => {
  it("are exactly the languages and namespaces the app loads", () => {
    expect(
      readdirSync(LOCALES, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    ).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      const files = readdirSync(join(LOCALES, language))
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.replace(/\.json$/, ""));
      expect(files.sort(), language).toEqual([...NAMESPACES].sort());
      for (const namespace of NAMESPACES)
        expect(leaves(resources[language][namespace] as Catalog), `${language}/${namespace}`).toEqual(
          readCatalog(language, namespace),
        );
    }
  });

  describe.each(NAMESPACES.map((ns) => [ns]))("%s", (namespace) => {
    const english = baseKeys(readCatalog(DEFAULT_LANGUAGE, namespace));

    it.each(LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE).map((l) => [l]))(
      "has the same keys in %s as in English",
      (language) => {
        const other = baseKeys(readCatalog(language, namespace));
        expect(
          [...other.keys()].filter((k) => !english.has(k)),
          `only in ${language}`,
        ).toEqual([]);
        expect(
          [...english.keys()].filter((k) => !other.has(k)),
          `missing in ${language}`,
        ).toEqual([]);
      },
    );

    it.each(LANGUAGES.map((l) => [l]))("has every plural form %s needs, and nothing empty", (language) => {
      const catalog = readCatalog(language, namespace);
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter((c) => c !== "zero");
      for (const [base, forms] of baseKeys(catalog)) {
        if (forms.size) expect([...forms].sort(), `${language}: ${base}`).toEqual([...needed].sort());
      }
      for (const [key, text] of catalog) expect(text.trim(), `${language}: ${key}`).not.toBe("");
    });

    it.each(LANGUAGES.map((l) => [l]))("names no <Trans> tag after a void HTML element in %s", (language) => {
      // i18next parses <link>...</link> as HTML's empty <link>: the component's link came out with no text.
      for (const [key, text] of readCatalog(language, namespace)) {
        const names = [...text.matchAll(/<(\w+)>/g)].map((m) => m[1]!);
        expect(
          names.filter((name) => VOID_ELEMENTS.has(name)),
          `${language}: ${key}`,
        ).toEqual([]);
      }
    });

    it.each(LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE).map((l) => [l]))(
      "uses the same placeholders and tags in %s as in English",
      (language) => {
        const englishText = readCatalog(DEFAULT_LANGUAGE, namespace);
        const otherText = readCatalog(language, namespace);
        for (const [key, text] of otherText) {
          const source = englishText.get(key) ?? englishText.get(key.replace(PLURAL_SUFFIX, "_other"));
          if (source === undefined) continue; // reported above
          expect(placeholders(text), `${language}: ${key}`).toEqual(placeholders(source));
          expect(tags(text), `${language}: ${key}`).toEqual(tags(source));
        }
      },
    );
  });

  it("does plurals and interpolation through i18next", () => {
    const es = i18nFor("es").t;
    const en = i18nFor("en").t;
    expect(en("header.moderationWaiting", { count: 1 })).toBe("Moderation, 1 flagged post waiting");
    expect(en("header.moderationWaiting", { count: 2 })).toBe("Moderation, 2 flagged posts waiting");
    expect(es("header.moderationWaiting", { count: 1 })).toBe("Moderación, 1 publicación reportada en espera");
    expect(es("header.moderationWaiting", { count: 7 })).toBe("Moderación, 7 publicaciones reportadas en espera");
    expect(en("header.notificationsUnreadMany")).toBe("Notifications, more than 99 unread");
    expect(es("header.notificationsUnreadMany")).toBe("Notificaciones, más de 99 sin leer");
    expect(es("banner.linkSentTo", { email: "ana@example.org" })).toBe("Te enviamos un enlace a ana@example.org.");
  });
});
