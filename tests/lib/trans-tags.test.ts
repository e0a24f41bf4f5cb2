// A <Trans> tag named after an HTML void element (<link>, <br>, <img>...) cannot hold words: react-i18next's
// parser (html-parse-stringify) closes it at once, so "Reply in <link>{{title}}</link>" rendered an empty link
// and the title after it (react-i18next issue #1526; axe's link-name rule found it on the flag queue). Catalogs
// name link tags otherwise (<go>): this test keeps it so, in every language, and renders one such sentence.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Trans } from "react-i18next";
import { describe, expect, it } from "vitest";
// Importing the server catalogs loads every language into lib/i18n.
import "~/lib/catalogs.server";
import { createI18n, LANGUAGES } from "~/lib/i18n";
import { REPO_ROOT } from "../e2e/support/server";

// The void elements of the HTML standard (and the obsolete ones parsers still treat as void).
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "command",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

type Catalog = { [key: string]: string | Catalog };

function strings(catalog: Catalog, prefix = ""): Array<[string, string]> {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : strings(value, `${prefix}${key}.`),
  );
}

describe("Trans tags in the catalogs", () => {
  it.each([...LANGUAGES])("none in %s is named after an HTML void element", (language) => {
    const dir = join(REPO_ROOT, "app/locales", language);
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
      const catalog = JSON.parse(readFileSync(join(dir, file), "utf8")) as Catalog;
      for (const [key, text] of strings(catalog)) {
        for (const [, tag] of text.matchAll(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g)) {
          if (VOID_ELEMENTS.has(tag!.toLowerCase())) found.push(`${file.replace(".json", "")}:${key} <${tag}>`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it.each([...LANGUAGES])("put a sentence's words inside its link in %s", (language) => {
    const i18n = createI18n(language);
    const html = renderToStaticMarkup(
      createElement(Trans, {
        t: i18n.getFixedT(language, "moderation"),
        i18nKey: "flagQueue.replyIn",
        values: { title: "Phone trees" },
        components: { go: createElement("a", { href: "/threads/1/phone-trees" }) },
      }),
    );
    expect(html).toMatch(/<a href="\/threads\/1\/phone-trees">Phone trees<\/a>/);
  });
});
