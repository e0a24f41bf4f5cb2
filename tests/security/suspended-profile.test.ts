// Suspended members (issue 12, section 4): they read on, but their public profile (name, organization,
// location, bio, fields of practice) stays as it was until the suspension ends. Refused by the model, so no
// caller can get around it, with a message that says why.
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getProfileForm, updateProfile } from "~/models/members.server";
import { liftSuspension, suspendMember } from "~/models/members-moderation.server";
import * as profile from "~/routes/settings.profile";
import { createMember } from "../factories/members";
import { formRequest, run, sessionCookieFor } from "../setup/requests";

const NEW_PROFILE = {
  displayName: "Totally Different",
  organization: "New Org",
  location: "Elsewhere",
  bioSource: "Buy my stuff at https://spam.example",
  fieldSlugs: ["health"],
};

async function suspendedMember() {
  const member = await createMember({ displayName: "Ana Ruiz" });
  const moderator = await createMember({ role: "moderator" });
  const suspended = await suspendMember({
    actorId: moderator.id,
    memberId: member.id,
    reason: "Spam in three threads.",
    until: Date.now() + 7 * 86_400_000,
  });
  expect(suspended.ok).toBe(true);
  return { member, moderator };
}

describe("a suspended member's profile", () => {
  it("is refused through the form with a clear message, and nothing changes", async () => {
    const { member } = await suspendedMember();
    const before = await getProfileForm(member.id);
    const cookie = await sessionCookieFor(member.id);
    const response = await run(profile.action, formRequest("/settings/profile", NEW_PROFILE, cookie));
    expect(response.status).toBe(403);
    const data = (await response.json()) as { fieldErrors: Record<string, string>; fields: Record<string, string> };
    expect(data.fieldErrors.form).toMatch(/suspended until .*profile can't change.*Spam in three threads/);
    expect(data.fields.displayName).toBe("Totally Different");
    expect(await getProfileForm(member.id)).toEqual(before);
  });

  it("is refused by the model itself, for any caller", async () => {
    const { member } = await suspendedMember();
    const result = await updateProfile(member.id, NEW_PROFILE);
    expect(result).toMatchObject({ ok: false, field: "form" });
    const row = await getDb()
      .selectFrom("members")
      .select("display_name")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe("Ana Ruiz");
  });

  it("can change again once the suspension is lifted", async () => {
    const { member, moderator } = await suspendedMember();
    expect((await liftSuspension(moderator.id, member.id)).ok).toBe(true);
    expect(await updateProfile(member.id, NEW_PROFILE)).toEqual({ ok: true });
    expect((await getProfileForm(member.id)).displayName).toBe("Totally Different");
  });
});
