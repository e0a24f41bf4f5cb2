import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { fts5Search, toFts5Query } from "~db/search/fts5";
import { Fts5Tokens, tokenizeOption } from "~db/search/fts5-tokens";
import { parseSearchQuery } from "~/lib/search-query";
import { searchQueryOf } from "~/models/search-index.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

// SQLite alone: the partial last word's alternatives are cut to one per FTS5 term (docs/decisions/0035).

const matchedIds = async (fts5Query: string) =>
  (
    await sql<{
      id: number;
    }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${fts5Query} ORDER BY rowid`.execute(getDb())
  ).rows.map((r) => r.id);

describe("FTS5 alternatives of a partial last word", () => {
  it("stem as search_index stems, with the table's own tokenizer", async () => {
    const { rows } = await sql<{
      sql: string;
    }>`SELECT sql FROM sqlite_master WHERE name = 'search_index'`.execute(getDb());
    const option = tokenizeOption(rows[0]!.sql);
    expect(option).toBe("porter unicode61 remove_diacritics 2");
    const tokens = new Fts5Tokens(option);
    expect(tokens.tokensOf(["communities", "Organización", "don't", "!!"])).toEqual([
      ["commun"],
      ["organizacion"],
      ["don", "t"],
      [],
    ]);
    // The same tokens as the index holds for the same words.
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Vocabulary check", body: "zorblings organizational" });
    const vocab = await sql<{
      term: string;
    }>`SELECT term FROM search_vocab WHERE term IN ('zorbl', 'organiz')`.execute(getDb());
    expect(vocab.rows.map((r) => r.term).sort()).toEqual(
      tokens.tokensOf(["zorblings", "organizational"]).flat().sort(),
    );
  });

  it("keep one alternative per term and match exactly the rows all of them match", async () => {
    const member = await createMember();
    const forms = ["community", "communities", "communal", "communicate", "communitarian", "commune", "communion"];
    const thread = await createTestThread({ authorId: member.id, title: "Forms of a word", body: "none here" });
    for (const form of forms) await createTestReply({ threadId: thread.id, authorId: member.id, body: `a ${form}` });
    for (const typed of ["communit", "community", "commun", "communi", "organizing commun"]) {
      const query = searchQueryOf(parseSearchQuery(typed));
      const prepared = await fts5Search.prepare(getDb(), query);
      const before = query.partialLast!.completions;
      const after = prepared.partialLast!.completions;
      expect(after.length).toBeLessThan(before.length);
      expect(after.every((c) => before.includes(c))).toBe(true);
      expect(await matchedIds(toFts5Query(prepared))).toEqual(await matchedIds(toFts5Query(query)));
    }
    // "community" and "communities" are one term: FTS5 reads it once.
    const prepared = await fts5Search.prepare(getDb(), searchQueryOf(parseSearchQuery("community")));
    expect(prepared.partialLast!.completions).not.toContain("communities");
    expect(await matchedIds(toFts5Query({ ...prepared, terms: [["communities"]], partialLast: null }))).toEqual(
      await matchedIds(toFts5Query({ ...prepared, terms: [["community"]], partialLast: null })),
    );
  });
});
