import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { deleteAccount, type PostsChoice } from "~/models/account-deletion.server";
import { findMemberIdByHandle } from "~/models/members-moderation.server";

// npm run member:delete -- <handle> <keep|remove>: deletes an account as its owner would from /settings/account
// (docs/decisions/0016), for a request that came another way, or again after a restore from a backup made
// before the member left. A running server notices the write and drops its cached pages.
const CHOICES: PostsChoice[] = ["keep", "remove"];
const [handle, posts] = process.argv.slice(2);

async function main(): Promise<number> {
  if (!handle || !posts || !CHOICES.includes(posts as PostsChoice)) {
    console.error("Usage: npm run member:delete -- <handle> <keep|remove>   (what becomes of their posts)");
    return 2;
  }
  await migrateToLatest(getDb());
  const memberId = await findMemberIdByHandle(handle);
  if (memberId === null) {
    console.error(`No member has the handle "${handle}".`);
    return 1;
  }
  const result = await deleteAccount({ memberId, posts: posts as PostsChoice });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(
    `@${handle.toLowerCase()} is deleted: ${result.postsRemoved} posts removed, ${result.postsLeftAsPlaceholders} left as placeholders under others' replies.`,
  );
  return 0;
}

process.exitCode = await main();
await closeDatabase();
