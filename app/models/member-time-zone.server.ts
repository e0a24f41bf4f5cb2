import { tr } from "~/lib/translate";
import { getDb } from "~db/client.server";
import { isTimeZone, TIME_ZONE_UNKNOWN_MESSAGE } from "~/lib/format";
import { siteTimeZone } from "~/lib/time-zone.server";

// A member's time zone (issue 14, docs/decisions/0021): the zone their pages give full dates and times in.

/** The zone the member chose, or null for the site's. */
export async function getChosenTimeZone(memberId: number): Promise<string | null> {
  const row = await getDb().selectFrom("members").select("time_zone").where("id", "=", memberId).executeTakeFirst();
  // A zone the runtime stopped knowing (renamed in a tz update) falls back to the site's rather than failing.
  return row?.time_zone && isTimeZone(row.time_zone) ? row.time_zone : null;
}

/** The zone a viewer reads times in: their choice, else the site's (also for visitors). */
export async function getReaderTimeZone(memberId: number | null): Promise<string> {
  return (memberId === null ? null : await getChosenTimeZone(memberId)) ?? siteTimeZone();
}

export { TIME_ZONE_UNKNOWN_MESSAGE };

/** Sets the member's zone; "" goes back to the site's. Refuses a missing value or a name the runtime does not know. */
export async function setMemberTimeZone(
  memberId: number,
  timeZone: string | null,
): Promise<{ ok: true } | { ok: false; field: "timeZone"; message: string }> {
  if (timeZone === null || (timeZone !== "" && !isTimeZone(timeZone)))
    return { ok: false, field: "timeZone", message: tr(TIME_ZONE_UNKNOWN_MESSAGE) };
  await getDb()
    .updateTable("members")
    .set({ time_zone: timeZone === "" ? null : timeZone })
    .where("id", "=", memberId)
    .execute();
  return { ok: true };
}
