import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Executor } from "~db/client.server";

/** Absolute lifetime: a session ends this long after login however active it stays. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** Sessions are stored under the SHA-256 of the token, so a leaked database holds no usable session. */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

/** lucia 3 adapter over our Kysely database. */
export class KyselySessionAdapter implements Adapter {
  constructor(private readonly db: () => Executor) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db()
      .selectFrom("sessions")
      .innerJoin("members", "members.id", "sessions.member_id")
      .select([
        "sessions.id",
        "sessions.expires_at",
        "sessions.created_at",
        "members.id as member_id",
        "members.handle",
        "members.display_name",
        "members.role",
        "members.language",
      ])
      .where("sessions.id", "=", hashSessionId(sessionId))
      // A deleted account's sessions go with it; this keeps a session written meanwhile from counting either.
      .where("members.deleted_at", "is", null)
      .executeTakeFirst();
    if (!row) return [null, null];
    if (row.created_at + SESSION_ABSOLUTE_LIFETIME_MS <= Date.now()) {
      await this.db().deleteFrom("sessions").where("id", "=", row.id).execute();
      return [null, null];
    }
    return [
      { id: sessionId, userId: row.member_id, expiresAt: new Date(row.expires_at), attributes: {} },
      {
        id: row.member_id,
        attributes: {
          handle: row.handle,
          displayName: row.display_name,
          role: row.role,
          language: row.language,
        },
      },
    ];
  }

  async getUserSessions(memberId: number): Promise<DatabaseSession[]> {
    // Only hashes are stored, so the tokens cannot be given back; callers use these for counts and times.
    const rows = await this.db()
      .selectFrom("sessions")
      .select(["id", "expires_at"])
      .where("member_id", "=", memberId)
      .execute();
    return rows.map((r) => ({ id: r.id, userId: memberId, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db()
      .insertInto("sessions")
      .values({
        id: hashSessionId(session.id),
        member_id: session.userId,
        expires_at: session.expiresAt.getTime(),
        created_at: Date.now(),
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db()
      .updateTable("sessions")
      .set({ expires_at: expiresAt.getTime() })
      .where("id", "=", hashSessionId(sessionId))
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db().deleteFrom("sessions").where("id", "=", hashSessionId(sessionId)).execute();
  }

  async deleteUserSessions(memberId: number): Promise<void> {
    await this.db().deleteFrom("sessions").where("member_id", "=", memberId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = Date.now();
    await this.db()
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("created_at", "<=", now - SESSION_ABSOLUTE_LIFETIME_MS)]))
      .execute();
  }
}
