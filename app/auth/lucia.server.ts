import { Lucia, TimeSpan } from "lucia";
import { getDb } from "~db/client.server";
import type { Role } from "~db/schema";
import { KyselySessionAdapter } from "./session-adapter.server";

export function siteOrigin(): string | null {
  return process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : null;
}

export const lucia = new Lucia(new KyselySessionAdapter(getDb), {
  // Idle expiry: 30 days, renewed (sliding) when less than half is left; the adapter adds the absolute cap.
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "rt_session",
    attributes: { sameSite: "lax", path: "/", secure: siteOrigin()?.startsWith("https:") ?? false },
  },
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: { handle: string; displayName: string; role: Role; language: string | null };
  }
}
