// The consent keyword of an answer by email (docs/decisions/0040, "Rounds by email").
import { describe, expect, it } from "vitest";
import { readConsentLine } from "~/lib/round-mail";

describe("readConsentLine", () => {
  it("reads each keyword on the first line and removes that line", () => {
    expect(readConsentLine("QUOTE-NAME\n\nOur answer.")).toEqual({ consent: "named", body: "Our answer." });
    expect(readConsentLine("QUOTE-ANON\nOur answer.")).toEqual({ consent: "anonymized", body: "Our answer." });
    expect(readConsentLine("\n  NO-QUOTE  \nOur answer.")).toEqual({ consent: "none", body: "Our answer." });
  });

  it("takes the keyword as people type it: any case, a space, emphasis, the answer after a colon", () => {
    expect(readConsentLine("quote-anon\nA")).toEqual({ consent: "anonymized", body: "A" });
    expect(readConsentLine("Quote Name.\nA")).toEqual({ consent: "named", body: "A" });
    expect(readConsentLine("**QUOTE-NAME**\nA")).toEqual({ consent: "named", body: "A" });
    expect(readConsentLine("QUOTE-NAME: we knock on doors.\nMore.")).toEqual({
      consent: "named",
      body: "we knock on doors.\nMore.",
    });
  });

  it("gives no consent and keeps the text whole without a keyword on the first line", () => {
    expect(readConsentLine("We knock on doors.\nQUOTE-NAME")).toEqual({
      consent: "none",
      body: "We knock on doors.\nQUOTE-NAME",
    });
    expect(readConsentLine("QUOTE-NAMED people\nA")).toEqual({ consent: "none", body: "QUOTE-NAMED people\nA" });
    expect(readConsentLine("QUOTES are fine")).toEqual({ consent: "none", body: "QUOTES are fine" });
    expect(readConsentLine("")).toEqual({ consent: "none", body: "" });
  });
});
