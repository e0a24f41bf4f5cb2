import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { seedBaseline } from "~/models/seed.server";
import * as editRedirect from "~/routes/members.$handle.edit";
import * as profilePage from "~/routes/members.$handle";
import * as profileSettings from "~/routes/settings.profile";
import { createMember } from "../factories/members";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

describe("member profiles", () => {
  it("a member edits their own profile and it shows on their page", async () => {
    await seedBaseline(getDb());
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const response = await run(
      profileSettings.action,
      formRequest(
        "/settings/profile",
        {
          displayName: "Rosa Martínez",
          organization: "Eastside Tenants Union",
          location: "Boyle Heights, Los Angeles",
          bioSource: "I organize **tenants**. <script>alert(1)</script>",
          fieldSlugs: ["organizing", "health"],
        },
        cookie,
      ),
    );
    expect(response.headers.get("Location")).toBe(`/members/${member.handle}`);
    const page = await run(profilePage.loader, getRequest(`/members/${member.handle}`), { handle: member.handle });
    const { profile } = (await page.json()) as {
      profile: Record<string, unknown> & { fields: { slug: string }[]; bioHtml: string };
    };
    expect(profile).toMatchObject({
      displayName: "Rosa Martínez",
      organization: "Eastside Tenants Union",
      location: "Boyle Heights, Los Angeles",
    });
    expect(profile.fields.map((f) => f.slug).sort()).toEqual(["health", "organizing"]);
    expect(profile.bioHtml).toContain("<strong>tenants</strong>");
    expect(profile.bioHtml).not.toContain("<script");
  });

  it("a member cannot edit someone else's profile", async () => {
    const owner = await createMember({ displayName: "Owner" });
    const other = await createMember();
    const cookie = await sessionCookieFor(other.id);
    const denied = await run(editRedirect.loader, getRequest(`/members/${owner.handle}/edit`, cookie), {
      handle: owner.handle,
    });
    expect(denied.status).toBe(403);
    // The settings form has no member id to forge: whatever is posted changes only the poster's own profile.
    await run(
      profileSettings.action,
      formRequest(
        "/settings/profile",
        { displayName: "Hijacked", handle: owner.handle, memberId: String(owner.id) },
        cookie,
      ),
    );
    const ownerRow = await getDb()
      .selectFrom("members")
      .select("display_name")
      .where("id", "=", owner.id)
      .executeTakeFirstOrThrow();
    expect(ownerRow.display_name).toBe("Owner");
  });

  it("a visitor is sent to log in and back", async () => {
    const response = await run(profileSettings.loader, getRequest("/settings/profile"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fprofile");
  });

  it("an unknown handle is a 404 and an over-long bio a field error", async () => {
    expect((await run(profilePage.loader, getRequest("/members/nobody"), { handle: "nobody" })).status).toBe(404);
    const member = await createMember();
    const response = await run(
      profileSettings.action,
      formRequest(
        "/settings/profile",
        { displayName: "X", bioSource: "a".repeat(5001) },
        await sessionCookieFor(member.id),
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fieldErrors: Record<string, string>; fields: Record<string, string> };
    expect(body.fieldErrors.bioSource).toMatch(/at most 5000/);
    expect(body.fields.bioSource).toHaveLength(5001);
  });
});
