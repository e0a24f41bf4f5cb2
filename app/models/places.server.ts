import { getDb } from "~db/client.server";
import { isUniqueViolation } from "~db/errors";
import { sortKey } from "~/lib/sort-key";
import { tr } from "~/lib/translate";
import { logAction } from "./audit-log.server";
import { invalidateAllPages } from "./page-invalidation.server";

// The places of the region a member may pick in their profile (issue 19, docs/decisions/0043): neighbourhoods
// and cities a moderator curates, and one "elsewhere", always last and never removed.

export interface Place {
  id: number;
  name: string;
  elsewhere: boolean;
  memberCount: number;
}

/** Every place, by name, "elsewhere" last; with how many members picked each (for moderators). */
export async function listPlaces(): Promise<Place[]> {
  const rows = await getDb()
    .selectFrom("places as pl")
    .select([
      "pl.id",
      "pl.name",
      "pl.elsewhere",
      (eb) =>
        eb
          .selectFrom("members as m")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("m.place_id", "=", "pl.id")
          .where("m.deleted_at", "is", null)
          .as("member_count"),
    ])
    .orderBy("pl.elsewhere")
    .orderBy("pl.sort_key")
    .orderBy("pl.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: placeName(r),
    elsewhere: r.elsewhere === 1,
    memberCount: Number(r.member_count),
  }));
}

/** A place's name as read: "elsewhere" in the reader's language, the others as moderators wrote them. */
export function placeName(row: { name: string; elsewhere: number }): string {
  return row.elsewhere === 1 ? tr("directory:places.elsewhere") : row.name;
}

export type PlaceResult = { ok: true } | { ok: false; field: "name" | "form"; message: string };

export async function addPlace(actorId: number, name: string, now = Date.now()): Promise<PlaceResult> {
  try {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .insertInto("places")
          .values({ name, sort_key: sortKey(name), elsewhere: 0, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
        await logAction(trx, {
          actorId,
          action: "place.create",
          targetType: "place",
          targetId: row.id,
          after: { name },
          now,
        });
      });
  } catch (error) {
    if (isUniqueViolation(error, "places")) return { ok: false, field: "name", message: tr("directory:places.taken") };
    throw error;
  }
  return { ok: true };
}

/** Removes a place; members who picked it have no place until they pick another. "Elsewhere" stays. */
export async function removePlace(actorId: number, placeId: number, now = Date.now()): Promise<PlaceResult> {
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<PlaceResult> => {
      const place = await trx
        .selectFrom("places")
        .select(["id", "name", "elsewhere"])
        .where("id", "=", placeId)
        .executeTakeFirst();
      if (!place) return { ok: false, field: "form", message: tr("directory:places.gone") };
      if (place.elsewhere) return { ok: false, field: "form", message: tr("directory:places.keepElsewhere") };
      await trx.updateTable("members").set({ place_id: null }).where("place_id", "=", placeId).execute();
      await trx.deleteFrom("places").where("id", "=", placeId).execute();
      await logAction(trx, {
        actorId,
        action: "place.remove",
        targetType: "place",
        targetId: placeId,
        before: { name: place.name },
        now,
      });
      return { ok: true };
    });
  // Profiles name the place.
  if (result.ok) invalidateAllPages();
  return result;
}
