import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getDb } from "~db/client.server";

// HMAC-signed tokens for links that must work without logging in (unsubscribe). The key is APP_SECRET when
// set, else one generated on first use and kept in the database.

let cachedKey: Promise<string> | undefined;

async function signingKey(): Promise<string> {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  cachedKey ??= (async () => {
    const db = getDb();
    await db
      .insertInto("app_secrets")
      .values({ name: "signing-key", value: randomBytes(32).toString("hex"), created_at: Date.now() })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const row = await db
      .selectFrom("app_secrets")
      .select("value")
      .where("name", "=", "signing-key")
      .executeTakeFirstOrThrow();
    return row.value;
  })();
  return cachedKey;
}

export async function signToken(purpose: string, subject: string): Promise<string> {
  return createHmac("sha256", await signingKey())
    .update(`${purpose}:${subject}`)
    .digest("base64url");
}

export async function verifyToken(purpose: string, subject: string, token: string): Promise<boolean> {
  const expected = Buffer.from(await signToken(purpose, subject));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A secret for one purpose (a cookie's signature), derived from the signing key so that no two uses share it. */
export async function derivedSecret(purpose: string): Promise<string> {
  return createHmac("sha256", await signingKey())
    .update(`secret:${purpose}`)
    .digest("base64url");
}
