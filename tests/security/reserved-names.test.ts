import { tr } from "~/lib/translate";
// Reserved names (issue 12, section 4; the rule is written down in app/lib/reserved-names.ts): nobody joins
// as "admin" or "roundtable_team", and no member's display name reads as the site's staff, at join or later,
// however it is spelled (case, spacing, punctuation, accents, digits for letters, Cyrillic or Greek letters).
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { isReservedHandle, isStaffLikeName, RESERVED_HANDLE_MESSAGE, STAFF_NAME_MESSAGE } from "~/lib/reserved-names";
import * as join from "~/routes/join";
import * as profile from "~/routes/settings.profile";
import { createMember } from "../factories/members";
import { formRequest, run, sessionCookieFor } from "../setup/requests";

const RESERVED_HANDLES = [
  "admin",
  "administrator",
  "moderator",
  "mod",
  "staff",
  "support",
  "roundtable",
  "system",
  "root",
  "help",
  "official",
  "team",
  "admin_1",
  "admin2026",
  "_admin_",
  "a_d_m_i_n",
  "the_admin",
  "adm1n",
  "r00t",
  "moderators",
  "roundtable_team",
  "official_support",
  "mod_team",
  "trust_and_safety",
  "noreply",
  "webmaster",
  "sysadmin42",
  "roundtable_ana",
  "ana_moderator",
];
const FREE_HANDLES = [
  "ana_admiral",
  "badminton_coach",
  "support_worker",
  "team_rocket",
  "root_beer_fan",
  "help_ana",
  "staffnurse",
  "model_citizen",
  "modest_mouse",
  "systems_thinker",
  "marisol_vega",
];
const STAFF_NAMES = [
  "Admin",
  "ADMIN",
  "Moderator",
  "Roundtable Team",
  "Staff",
  "roundtable team",
  "Roundtable  -  Team",
  "R0undtab1e Team",
  "The Team",
  "Mod Team",
  "Support",
  "Trust & Safety",
  "A.D.M.I.N.",
  "A d m i n",
  "Ádmín",
  "Аdmin", // Cyrillic А
  "Μοderator", // Greek Μ and ο
  "Ｍｏｄｅｒａｔｏｒ", // fullwidth
  "𝐀𝐝𝐦𝐢𝐧", // mathematical bold
  "Ad\u200bmin", // a zero-width space inside
  "M0derat0r",
  "Adrnin",
  "Ana, moderator",
  "Roundtable's Ana",
  "Moderators",
];
const FREE_NAMES = [
  "Marisol Vega",
  "Rev. Joseph Dizon",
  "Tomás Herrera",
  "Support worker Ana",
  "Team lead Joy",
  "Staff nurse Ana",
  "Help desk volunteer",
  "Elihu Root",
  "J. R. R. Tolkien",
  "Badminton coach",
  "Systems thinker",
  "Moderna researcher",
];

describe("the rule", () => {
  it.each(RESERVED_HANDLES)("keeps the handle %s", (handle) => expect(isReservedHandle(handle)).toBe(true));
  it.each(FREE_HANDLES)("leaves the handle %s free", (handle) => expect(isReservedHandle(handle)).toBe(false));
  it.each(STAFF_NAMES)("reads %s as staff", (name) => expect(isStaffLikeName(name)).toBe(true));
  it.each(FREE_NAMES)("reads %s as a person", (name) => expect(isStaffLikeName(name)).toBe(false));
});

let count = 0;
function joinAs(handle: string, displayName: string) {
  count++;
  const request = formRequest("/join", {
    handle,
    displayName,
    email: `reserved${count}@example.org`,
    password: "tenant meetings on tuesdays",
    rulesAccepted: "on",
  });
  request.headers.set("X-Test-Client-Ip", `10.40.${Math.floor(count / 4)}.${count % 4}`); // 5 joins an hour per address
  return run(join.action, request);
}

async function fieldErrors(response: Response): Promise<Record<string, string>> {
  expect(response.status).toBe(400);
  return ((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors;
}

const memberCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("members")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("join", () => {
  it.each(["admin", "Admin_1", "roundtable", "moderator", "support", "r00t", "roundtable_team"])(
    "refuses the handle %s with a message next to it, and makes no account",
    async (handle) => {
      const before = await memberCount();
      const errors = await fieldErrors(await joinAs(handle, "Ana Ruiz"));
      expect(errors.handle).toBe(tr(RESERVED_HANDLE_MESSAGE));
      expect(await memberCount()).toBe(before);
    },
  );

  it.each(["Admin", "Moderator", "Roundtable Team", "Staff", "R0UNDTABLE team", "Аdmin"])(
    "refuses the name %s with a message next to it",
    async (name) => {
      const before = await memberCount();
      const errors = await fieldErrors(await joinAs(`person_${count}`, name));
      expect(errors.displayName).toBe(tr(STAFF_NAME_MESSAGE));
      expect(await memberCount()).toBe(before);
    },
  );

  it("still welcomes everyone else", async () => {
    expect((await joinAs("support_worker", "Support worker Ana")).status).toBe(302);
  });
});

describe("the profile", () => {
  it("refuses a member a name that reads as staff, and keeps their name", async () => {
    const member = await createMember({ displayName: "Ana Ruiz" });
    const cookie = await sessionCookieFor(member.id);
    for (const displayName of ["Moderator", "Roundtable Team", "M o d e r a t o r"]) {
      const errors = await fieldErrors(
        await run(profile.action, formRequest("/settings/profile", { displayName }, cookie)),
      );
      expect(errors.displayName).toBe(tr(STAFF_NAME_MESSAGE));
    }
    const row = await getDb()
      .selectFrom("members")
      .select("display_name")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe("Ana Ruiz");
  });

  it("lets staff say what they are", async () => {
    const moderator = await createMember({ role: "moderator", displayName: "Ana Ruiz" });
    const cookie = await sessionCookieFor(moderator.id);
    const response = await run(
      profile.action,
      formRequest("/settings/profile", { displayName: "Ana Ruiz, moderator" }, cookie),
    );
    expect(response.status).toBe(302);
  });
});
