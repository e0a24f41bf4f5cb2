import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import type { Role } from "~db/schema";
import { findMemberIdByHandle, setMemberRole } from "~/models/members-moderation.server";

// npm run member:role -- <handle> <member|moderator|admin>: how the first admin is made.
const ROLES: Role[] = ["member", "moderator", "admin"];
const [handle, role] = process.argv.slice(2);

async function main(): Promise<number> {
  if (!handle || !role || !ROLES.includes(role as Role)) {
    console.error("Usage: npm run member:role -- <handle> <member|moderator|admin>");
    return 2;
  }
  await migrateToLatest(getDb());
  const memberId = await findMemberIdByHandle(handle);
  if (memberId === null) {
    console.error(`No member has the handle "${handle}". Check the spelling, or have them join first.`);
    return 1;
  }
  const result = await setMemberRole({ actorId: null, memberId, role: role as Role });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(
    result.previous === role
      ? `@${handle.toLowerCase()} is already ${role}; nothing changed.`
      : `@${handle.toLowerCase()} is now ${role} (was ${result.previous}). Their sessions ended; they log in again to use the new role.`,
  );
  return 0;
}

process.exitCode = await main();
await closeDatabase();
