import { DEFAULT_SITE_TIME_ZONE, isTimeZone } from "./format";

/** The site's time zone: SITE_TIME_ZONE when it names a zone this runtime knows, else America/Los_Angeles. */
export function siteTimeZone(): string {
  const configured = process.env.SITE_TIME_ZONE?.trim();
  return configured && isTimeZone(configured) ? configured : DEFAULT_SITE_TIME_ZONE;
}
