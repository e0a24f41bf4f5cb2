import { z } from "zod";
import type { ResourceCost, ResourceType } from "~db/schema";
import { WORK_LANGUAGES, isWorkLanguage } from "./directory";
import { oneLine } from "./validation";

// The shelf's words and limits that browser code shows too (issue 19, docs/decisions/0044).

export const RESOURCE_TYPES: readonly ResourceType[] = ["training", "article", "toolkit", "network", "funder", "other"];
export const RESOURCE_COSTS: readonly ResourceCost[] = ["free", "low-cost", "paid"];
export const RESOURCE_LANGUAGES = WORK_LANGUAGES;
export const LINK_MAX = 500;
export const AUDIENCE_MAX = 120;
/** A resource not checked (nor added) for this long is marked "possibly stale" on the shelf. */
export const STALE_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

export const isResourceType = (v: string): v is ResourceType => (RESOURCE_TYPES as readonly string[]).includes(v);

/** The host a link is shown with ("www.example.org"), or null for something that is not a web address. */
export function linkHost(link: string): string | null {
  if (!URL.canParse(link)) return null;
  const url = new URL(link);
  return url.protocol === "https:" || url.protocol === "http:" ? url.hostname : null;
}

/** What a resource adds to the thread composer's form (its title, description and topics are the thread's). */
export const resourceSchema = z.object({
  linkUrl: oneLine(z.string().trim().max(LINK_MAX, "shelf:form.linkTooLong"))
    .default("")
    .refine((v) => v === "" || linkHost(v) !== null, "shelf:form.linkInvalid"),
  resourceType: z.string({ error: "shelf:form.typeRequired" }).refine(isResourceType, "shelf:form.typeRequired"),
  audience: oneLine(z.string().trim().max(AUDIENCE_MAX, "shelf:form.audienceTooLong")).default(""),
  cost: z.enum(["free", "low-cost", "paid"], { error: "shelf:form.costRequired" }),
  language: z.string({ error: "shelf:form.languageRequired" }).refine(isWorkLanguage, "shelf:form.languageRequired"),
});
export type ResourceInput = z.infer<typeof resourceSchema>;

/** The shelf's filters from its address; a value that can't be one is ignored. */
export function readShelfQuery(search: URLSearchParams) {
  const topic = search.get("topic") ?? "";
  const type = search.get("type") ?? "";
  const page = Number(search.get("page") ?? "1");
  return {
    topic: /^[a-z0-9-]{1,60}$/.test(topic) ? topic : null,
    type: isResourceType(type) ? type : null,
    q: (search.get("q") ?? "").trim().slice(0, 200),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}
