import { type Kysely, sql } from "kysely";

// Frozen in time: this migration never imports application code.
// A page that shows posts marks the viewer's unread notifications about them read; the query asks for this
// member's unread notifications about the page's posts. notifications_member_idx (member_id, read_at, id) made it
// read every unread notification of the member (1,606 for the benchmark's member: 0.4 ms of CPU on every thread
// page); this partial index seeks each post instead (0.01 ms). Docs/decisions/0032.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("notifications_unread_post_idx")
    .on("notifications")
    .columns(["member_id", "post_id"])
    .where(sql.ref("read_at"), "is", null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
