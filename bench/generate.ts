// Generates the benchmark data set straight into SQLite (the app's own schema, migrated by the app's own
// migrations), far faster than going through the models: 10,000 members, 50 topics, 20,000 threads and
// 500,000 posts, one thread holding 2,000 nested replies. `--quick` makes a small set.
import { existsSync, rmSync } from "node:fs";
import { hash } from "@node-rs/argon2";
import { closeDatabase, getDb, getSqliteHandle, migrateToLatest } from "../db/client.server";
import { STARTER_TOPICS } from "../db/seed-content";
import { shortenText } from "../app/lib/markdown.server";
import { sortKey } from "../app/lib/sort-key";
import { POST_EXCERPT_CHARS } from "../app/models/posts.server";
import { seedBaseline } from "../app/models/seed.server";

export interface BenchSize {
  members: number;
  topics: number;
  threads: number;
  posts: number;
  bigThreadReplies: number;
}

export const FULL: BenchSize = {
  members: 10_000,
  topics: 50,
  threads: 20_000,
  posts: 500_000,
  bigThreadReplies: 2_000,
};
export const QUICK: BenchSize = { members: 500, topics: 20, threads: 1_000, posts: 25_000, bigThreadReplies: 2_000 };

export const BENCH_PASSWORD = "bench password 2026";
export const RARE_WORD = "zephyrine";
export const COMMON_WORD = "community";

const WORDS = (
  "organizing tenants leadership budget hearing clinic outreach youth survey trust honesty patience persistence presence " +
  "strategy creative residents neighborhood coalition funding grant foundation policy council housing health environment " +
  "water air justice equity training workshop listserv journal network mentor story meeting phone tree campaign vote " +
  "language translation volunteer capacity burnout rest celebrate learn share question answer together power voice " +
  "listening door knocking flyer church school library park transit heat cooling center rent strike savings circle"
).split(" ");

/** A small, fast deterministic generator, so every run builds the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seg = (id: number) => id.toString(36).padStart(7, "0");

export async function generate(
  path: string,
  size: BenchSize,
  progress: (done: number, total: number, label: string) => void,
) {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(path + suffix)) rmSync(path + suffix);
  // The app's own database module (models used by the seed open it through getDb()).
  process.env.DATABASE_PATH = path;
  const db = getDb();
  const handle = getSqliteHandle();
  await migrateToLatest(db);
  await seedBaseline(db);
  handle.pragma("synchronous = OFF"); // a data set we can rebuild: durability is not needed while generating
  const random = rng(2026);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const words = (n: number, extra: string[] = []) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(random() < 0.6 && i % 9 === 4 ? COMMON_WORD : pick(WORDS));
    out.splice(Math.floor(random() * out.length), 0, ...extra);
    return out.join(" ");
  };
  const now = Date.now();
  const DAY = 86_400_000;
  const start = now - 60 * DAY;

  // Members: one shared password hash (hashing 10,000 times would only measure argon2).
  const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 });
  const insertMember = handle.prepare(
    "INSERT INTO members (handle, email, display_name, password_hash, role, created_at, updated_at, password_changed_at, email_verified_at) VALUES (?, ?, ?, ?, 'member', ?, ?, ?, ?)",
  );
  const memberIds: number[] = [];
  handle.transaction(() => {
    for (let i = 1; i <= size.members; i++) {
      const h = `bench_${String(i).padStart(5, "0")}`;
      memberIds.push(
        Number(
          insertMember.run(
            h,
            `${h}@bench.invalid`,
            `Bench Member ${i}`,
            passwordHash,
            start - DAY,
            start - DAY,
            start - DAY,
            start - DAY,
          ).lastInsertRowid,
        ),
      );
    }
  })();
  progress(1, 4, "members");

  const insertTag = handle.prepare(
    "INSERT OR IGNORE INTO tags (slug, name, sort_key, description, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  handle.transaction(() => {
    for (let i = STARTER_TOPICS.length; i < size.topics; i++)
      insertTag.run(`topic-${i}`, `Topic ${i}`, sortKey(`Topic ${i}`), `Generated topic number ${i}.`, start);
  })();
  const tagIds = (handle.prepare("SELECT id FROM tags ORDER BY id").all() as Array<{ id: number }>)
    .map((r) => r.id)
    .slice(0, size.topics);

  const insertThread = handle.prepare(
    "INSERT INTO threads (kind, title, slug, author_id, created_at, last_activity_at, reply_count, helpful_count) VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
  );
  const insertThreadTag = handle.prepare("INSERT OR IGNORE INTO thread_tags (thread_id, tag_id) VALUES (?, ?)");
  const insertPost = handle.prepare(
    "INSERT INTO posts (thread_id, author_id, parent_id, depth, path, body_source, body_html, excerpt, created_at, helpful_count, descendant_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
  );
  // Bodies are plain words, so their excerpt is the start of the words (what postExcerpt makes of <p>words</p>).
  const excerpt = (text: string) => shortenText(text, POST_EXCERPT_CHARS);
  const setPath = handle.prepare("UPDATE posts SET path = ? WHERE id = ?");
  const insertFts = handle.prepare("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)");
  const setDescendants = handle.prepare("UPDATE posts SET descendant_count = ? WHERE id = ?");
  const setThreadCounts = handle.prepare("UPDATE threads SET reply_count = ?, last_activity_at = ? WHERE id = ?");

  const threadCount = size.threads;
  const replyBudget = size.posts - threadCount - size.bigThreadReplies;
  let rareLeft = 5;
  let done = 0;
  const total = size.posts;
  const chunk = 2_000;
  for (let first = 0; first < threadCount; first += chunk) {
    handle.transaction(() => {
      for (let t = first; t < Math.min(first + chunk, threadCount); t++) {
        const isBig = t === threadCount - 1; // the newest thread holds the 2,000 nested replies
        const created = start + Math.floor(((t + 1) / threadCount) * 59 * DAY);
        const kind = t % 5 === 0 ? "story" : t % 37 === 0 ? "prompt" : "discussion";
        const title = isBig
          ? "The long conversation: two thousand replies"
          : `${pick(WORDS)} ${pick(WORDS)} and ${pick(WORDS)} in our ${pick(WORDS)} work`;
        const author = pick(memberIds);
        const threadId = Number(
          insertThread.run(kind, title, title.toLowerCase().replace(/[^a-z0-9]+/g, "-"), author, created, created)
            .lastInsertRowid,
        );
        for (const tagId of new Set([pick(tagIds), ...(random() < 0.5 ? [pick(tagIds)] : [])]))
          insertThreadTag.run(threadId, tagId);
        const body = words(60);
        const openingId = Number(
          insertPost.run(
            threadId,
            author,
            null,
            0,
            "",
            body,
            `<p>${body}</p>`,
            excerpt(body),
            created,
            Math.floor(random() * 8),
          ).lastInsertRowid,
        );
        insertFts.run(openingId, title, body);
        done++;
        const replies = isBig
          ? size.bigThreadReplies
          : Math.round((replyBudget / (threadCount - 1)) * (0.5 + random()));
        const nodes: Array<{ id: number; path: string; depth: number; ancestors: number[] }> = [];
        const descendants = new Map<number, number>([[openingId, 0]]);
        let last = created;
        for (let r = 0; r < replies && (isBig || done < total - size.bigThreadReplies); r++) {
          // A third start new branches; the rest answer a recent reply, which makes deep chains.
          const parent =
            nodes.length && random() > 0.33 ? nodes[Math.max(0, nodes.length - 1 - Math.floor(random() * 12))]! : null;
          const extra = rareLeft > 0 && random() < 0.0001 ? [RARE_WORD] : [];
          if (extra.length) rareLeft--;
          const text = words(25 + Math.floor(random() * 40), extra);
          last = Math.min(now, last + Math.floor(random() * 3_600_000));
          const depth = parent ? parent.depth + 1 : 1;
          const id = Number(
            insertPost.run(
              threadId,
              pick(memberIds),
              parent?.id ?? openingId,
              depth,
              "",
              text,
              `<p>${text}</p>`,
              excerpt(text),
              last,
              random() < 0.1 ? 1 : 0,
            ).lastInsertRowid,
          );
          const path = (parent?.path ?? "") + seg(id);
          setPath.run(path, id);
          insertFts.run(id, "", text);
          const ancestors = parent ? [...parent.ancestors, parent.id] : [openingId];
          for (const a of ancestors) descendants.set(a, (descendants.get(a) ?? 0) + 1);
          nodes.push({ id, path, depth, ancestors: parent ? ancestors : [] });
          done++;
        }
        for (const [postId, count] of descendants) if (count) setDescendants.run(count, postId);
        setThreadCounts.run(nodes.length, last, threadId);
      }
    })();
    progress(Math.min(done, total), total, "posts");
  }
  // The rare word must exist even if chance skipped it.
  if (rareLeft === 5) {
    const row = handle.prepare("SELECT id, body_source FROM posts WHERE depth > 0 LIMIT 1").get() as {
      id: number;
      body_source: string;
    };
    handle.prepare("DELETE FROM search_index WHERE rowid = ?").run(row.id);
    insertFts.run(row.id, "", `${row.body_source} ${RARE_WORD}`);
  }
  handle.exec(`UPDATE tags SET thread_count = (SELECT COUNT(*) FROM thread_tags WHERE tag_id = tags.id),
    last_activity_at = (SELECT MAX(t.last_activity_at) FROM thread_tags tt JOIN threads t ON t.id = tt.thread_id WHERE tt.tag_id = tags.id)`);
  handle.exec("INSERT INTO search_index(search_index) VALUES('optimize')");
  handle.exec("ANALYZE");
  await closeDatabase();
  return { bigThreadTitle: "The long conversation: two thousand replies" };
}
