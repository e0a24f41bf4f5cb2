// Markdown can never block the event loop for long: pathological structure is refused with a message for
// the writer, and everything else renders in a worker thread with a deadline (issue 12, section 1). The
// structure limits themselves: markdown-structure.test.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  MarkdownBusyError,
  MarkdownRenderPool,
  MarkdownTooComplexError,
  MarkdownTooLongError,
  renderMarkdownBounded,
  stopMarkdownWorkers,
} from "~/lib/markdown-bounded.server";
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from "~/lib/markdown.server";
import { MarkdownStructureError } from "~/lib/markdown-structure.server";
import { LONG_REAL_POST, loadMarkdownCorpus } from "./markdown-corpus";

afterAll(() => stopMarkdownWorkers());

describe("renderMarkdownBounded", () => {
  it("renders in a worker what the synchronous renderer renders, with the mentioned handles", async () => {
    const source = "Hi **@Ana_M** and @bob, not `@carol`.\n\n- one\n- two";
    await expect(renderMarkdownBounded(source)).resolves.toEqual({
      html: renderMarkdown(source),
      mentions: ["ana_m", "bob"],
      images: [],
    });
    await expect(renderMarkdownBounded(source, { linkMentions: false })).resolves.toEqual({
      html: renderMarkdown(source, { linkMentions: false }),
      mentions: [],
      images: [],
    });
    const long = await renderMarkdownBounded(LONG_REAL_POST);
    expect(long.html).toBe(renderMarkdown(LONG_REAL_POST));
  });

  it("refuses text over the length limit before it reaches a worker", async () => {
    await expect(renderMarkdownBounded("a".repeat(MARKDOWN_MAX_LENGTH + 1))).rejects.toThrow(MarkdownTooLongError);
  });

  const corpus = loadMarkdownCorpus();
  it("has a corpus of at least 25 pathological inputs", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    for (const input of corpus) expect(input.source.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
  });

  it.each(corpus.map((input) => [input.name, input] as const))(
    "corpus: %s is refused for its structure or renders within the deadline",
    async (_name, input) => {
      const outcome = await renderMarkdownBounded(input.source).then(
        (rendered) => ({ renders: rendered.html.length > 0 }),
        (error: unknown) => ({ refused: error instanceof MarkdownStructureError ? error.structure : String(error) }),
      );
      expect(outcome).toEqual(input.expect === "renders" ? { renders: true } : { refused: input.expect });
    },
  );
});

describe("the worker pool", () => {
  // Accepted by the structure check, and still a few hundred milliseconds of work.
  const heavy = `${"- ".repeat(15)}x\n`.repeat(1500);

  it("ends a render past its deadline, and a new worker renders the next one", async () => {
    const pool = new MarkdownRenderPool({ workers: 1, deadlineMs: 100 });
    try {
      await pool.render("the worker is ready");
      await expect(pool.render(heavy)).rejects.toThrow(MarkdownTooComplexError);
      await expect(pool.render(heavy)).rejects.toThrow("This text is too complex to format.");
      expect(pool.stats().workers).toBe(1);
      expect(pool.stats().busy).toBe(0);
      // The replacement starts slowly (loading the renderer) and is then as quick as ever.
      await expect(pool.render("*still* working")).resolves.toMatchObject({ html: "<p><em>still</em> working</p>\n" });
    } finally {
      await pool.close();
    }
  });

  it("asks the writer to try again when too many renders are waiting, rather than queueing without end", async () => {
    const pool = new MarkdownRenderPool({ workers: 1, queueMax: 2 });
    try {
      // The worker is still starting, so these wait in the queue.
      const waiting = [pool.render("one"), pool.render("two")];
      const refused = pool.render("three");
      await expect(refused).rejects.toThrow(MarkdownBusyError);
      await expect(refused).rejects.toMatchObject({ status: 503 });
      await expect(Promise.all(waiting)).resolves.toHaveLength(2);
      await expect(pool.render("four")).resolves.toMatchObject({ html: "<p>four</p>\n" });
    } finally {
      await pool.close();
    }
  });

  it("keeps the main thread free while a worker renders", async () => {
    const pool = new MarkdownRenderPool({ workers: 1 });
    try {
      await pool.render("warm up");
      let last = performance.now();
      let longestGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 10);
      const started = performance.now();
      // Heavy work for the worker; the outcome (rendered or past the deadline) does not matter here.
      await Promise.allSettled([heavy, heavy, heavy].map((source) => pool.render(source)));
      const busyFor = performance.now() - started;
      clearInterval(ticker);
      expect(busyFor).toBeGreaterThan(100); // the worker really was busy for a while
      // Rendered on the main thread, one of the three renders would be one gap (a third of busyFor or more).
      // Under the machine's own load a timer may still fire late, so the bound grows with a slow run.
      expect(longestGap).toBeLessThan(Math.max(200, busyFor / 6));
    } finally {
      await pool.close();
    }
  });
});

describe("in a tsx script", () => {
  it("renders in a worker, and the idle worker does not keep the script from ending", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "roundtable-markdown-"));
    try {
      const script = join(dir, "render.mts");
      const api = join(root, "app", "lib", "markdown-bounded.server.ts");
      writeFileSync(
        script,
        `import { renderMarkdownBounded } from ${JSON.stringify(api)};\n` +
          `console.log(JSON.stringify(await renderMarkdownBounded("*hello* @someone")));\n`,
      );
      const run = spawnSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), script], {
        cwd: dir, // not the project: the worker's entry is found from the module's own file
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        html: '<p><em>hello</em> <a href="/members/someone" rel="nofollow ugc noopener">@someone</a></p>\n',
        mentions: ["someone"],
        images: [],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
