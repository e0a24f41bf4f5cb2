// Dates are formatted in UTC on both server and browser, so hydration never disagrees.
const dateFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

export function formatDate(ms: number): string {
  return dateFormat.format(new Date(ms));
}

export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(new Date(ms));
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

// ---- Reader-facing times (issue 14, docs/decisions/0021) ----
// A post shows one time: relative ("3 hours ago", "yesterday", "12 Mar") with its full date and time, in the
// reader's time zone, in the title. Every function takes the zone explicitly, so server and browser agree.

/** Where the site's readers are, unless SITE_TIME_ZONE says otherwise (visitors, and members who chose none). */
export const DEFAULT_SITE_TIME_ZONE = "America/Los_Angeles";

let timeZones: readonly string[] | null = null;
let timeZoneSet: ReadonlySet<string> | null = null;

/** Zones a member may choose: the runtime's IANA list, plus UTC (which V8 leaves out of that list). */
export function listTimeZones(): string[] {
  // Asked on every page a member reads (their zone is checked): the runtime's list is made once.
  timeZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return [...timeZones];
}

/** A message key (forms catalog). */
export const TIME_ZONE_UNKNOWN_MESSAGE = "forms:timeZone.unknown";

/** Whether `value` is a zone name this runtime knows (what a member's setting must be). */
export function isTimeZone(value: string): boolean {
  timeZoneSet ??= new Set(listTimeZones());
  return timeZoneSet.has(value);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// Short dates day first ("12 Mar"); the full form in US English, whose zone names are words ("PDT", not "GMT-7").
function formatterFor(
  kind: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale = "en-GB",
): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "Tuesday, March 10, 2026 at 3:04 PM PDT": the whole moment, for a time's title. */
export function formatFullDateTime(ms: number, timeZone: string): string {
  return formatterFor(
    "full",
    timeZone,
    {
      weekday: "long",
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    },
    "en-US",
  ).format(new Date(ms));
}

/** "12 Mar 2026": a short date that stays true whenever the page is read (cached pages, no JavaScript). */
export function formatStableDate(ms: number, timeZone: string): string {
  return formatterFor("stable", timeZone, { year: "numeric", month: "short", day: "numeric" }).format(new Date(ms));
}

// A calendar day in a zone, asked for twice per post shown to a member ("yesterday", "this year"): kept by
// quarter hour, since every zone's offset is a whole number of quarter hours, so a day starts on one.
const QUARTER_HOUR_MS = 15 * 60_000;
const CALENDAR_DAYS_MAX = 20_000;
interface CalendarDay {
  day: number;
  year: number;
  /** "12 Mar" and "12 Mar 2025" for this day, once asked for (the same for every moment of the day). */
  dayMonth?: string;
  stable?: string;
}
const calendarDays = new Map<string, CalendarDay>();

/** The calendar day `ms` falls on in `timeZone`, as days since 1970 (for "yesterday" across DST changes). */
function calendarDay(ms: number, timeZone: string): CalendarDay {
  const key = `${timeZone} ${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let found = calendarDays.get(key);
  if (!found) {
    const parts = formatterFor("day", timeZone, { year: "numeric", month: "numeric", day: "numeric" }).formatToParts(
      new Date(ms),
    );
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const year = part("year");
    found = { day: Math.round(Date.UTC(year, part("month") - 1, part("day")) / 86_400_000), year };
    if (calendarDays.size >= CALENDAR_DAYS_MAX) calendarDays.clear();
    calendarDays.set(key, found);
  }
  return found;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How long ago `ms` was at `now`, as a reader says it: "just now", "5 minutes ago", "3 hours ago" (the same
 * day), "yesterday" (the calendar day before, in the reader's zone), "12 Mar" (this year), "12 Mar 2025".
 */
export function formatRelativeTime(ms: number, now: number, timeZone: string): string {
  const ago = now - ms;
  if (ago < MINUTE_MS) return "just now"; // also a clock a little ahead of ours
  if (ago < HOUR_MS) {
    const minutes = Math.floor(ago / MINUTE_MS);
    return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  }
  const then = calendarDay(ms, timeZone);
  const today = calendarDay(now, timeZone);
  const days = today.day - then.day;
  if (days === 0 || ago < 6 * HOUR_MS) {
    const hours = Math.floor(ago / HOUR_MS);
    return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  }
  if (days === 1) return "yesterday";
  if (then.year === today.year)
    return (then.dayMonth ??= formatterFor("dayMonth", timeZone, { month: "short", day: "numeric" }).format(
      new Date(ms),
    ));
  return (then.stable ??= formatStableDate(ms, timeZone));
}
