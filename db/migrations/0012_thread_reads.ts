import { sql, type Kysely } from "kysely";
import { isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// Unread (issue 14, docs/decisions/0020): how far each member has read each thread they opened, as the id of
// the newest post they were shown there. Post ids only grow, so "new" is "a later id"; one row per member and
// thread, moved forward by one upsert per thread page view (and only when there is something newer).
export async function up(db: Kysely<any>): Promise<void> {
  const table = db.schema
    .createTable("thread_reads")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("last_read_post_id", "integer", (c) => c.notNull())
    .addColumn("read_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_reads_pk", ["member_id", "thread_id"]);
  // SQLite: the primary key is the table (no rowid beside it); PostgreSQL tables are heaps either way.
  await (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`)).execute();
  // "N new" counts a thread's posts after a read position: a range of this index, not a scan of the thread.
  await db.schema.createIndex("posts_thread_id_idx").on("posts").columns(["thread_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
