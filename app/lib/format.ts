import { i18nFor, isLanguage, DEFAULT_LANGUAGE, type Language } from "./i18n";

// Dates, times and numbers in the reader's language (issue 18, docs/decisions/0038) and zone (0021). Every
// function takes both explicitly: the server renders with the page's language and the reader's zone, the
// browser hydrates with the same two, so both write the same words. English output is what it was before
// Spanish came (the tests pin it): US English for whole dates, day-first British order for short ones.

/** The Intl locale each interface language formats with, by kind ("dayFirst": "12 Mar", "12 Mar 2026"). */
const LOCALES: Record<Language, { whole: string; dayFirst: string }> = {
  en: { whole: "en-US", dayFirst: "en-GB" },
  // Los Angeles Spanish: 12-hour clock with "p.m.", zone names as words ("PDT"), "12,000".
  es: { whole: "es-US", dayFirst: "es-US" },
};

function languageOf(language: string): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

// Intl formatters are costly to make (tens of microseconds each) and asked for per time shown: one per
// language, zone and kind, kept. Bounded: a site's readers use a few zones, but a zone is any IANA name.
const FORMATTERS_MAX = 2_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(
  kind: string,
  language: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale: keyof (typeof LOCALES)[Language] = "dayFirst",
): Intl.DateTimeFormat {
  const lang = languageOf(language);
  const key = `${kind} ${lang} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang][locale], { ...options, timeZone });
    if (formatters.size >= FORMATTERS_MAX) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** "12,000" in English, "12,000" in Los Angeles Spanish too (es-US): a count in the page's language. */
export function formatNumber(value: number, language: string): string {
  const lang = languageOf(language);
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(LOCALES[lang].whole)));
  return format.format(value);
}

// Dates for lists and moderation pages ("March 10, 2026"; "10 de marzo de 2026") in UTC, as they always were.
export function formatDate(ms: number, language: string): string {
  return formatterFor("date", language, "UTC", { year: "numeric", month: "long", day: "numeric" }, "whole").format(
    new Date(ms),
  );
}

export function formatDateTime(ms: number, language: string): string {
  return formatterFor(
    "dateTime",
    language,
    "UTC",
    { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
    "whole",
  ).format(new Date(ms));
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

/** "Tuesday, March 10, 2026 at 3:04 PM PDT": the whole moment, for a time's title. */
export function formatFullDateTime(ms: number, timeZone: string, language: string): string {
  return formatterFor(
    "full",
    language,
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
    "whole",
  ).format(new Date(ms));
}

/** "12 Mar 2026": a short date that stays true whenever the page is read (cached pages, no JavaScript). */
export function formatStableDate(ms: number, timeZone: string, language: string): string {
  return formatterFor("stable", language, timeZone, { year: "numeric", month: "short", day: "numeric" }).format(
    new Date(ms),
  );
}

// A calendar day in a zone, asked for twice per post shown to a member ("yesterday", "this year"): kept by
// quarter hour, since every zone's offset is a whole number of quarter hours, so a day starts on one.
const QUARTER_HOUR_MS = 15 * 60_000;
const CALENDAR_DAYS_MAX = 20_000;
interface CalendarDay {
  day: number;
  year: number;
  /** "12 Mar" and "12 Mar 2025" for this day by language, once asked for (the same for every moment of the day). */
  dayMonth?: Partial<Record<Language, string>>;
  stable?: Partial<Record<Language, string>>;
}
const calendarDays = new Map<string, CalendarDay>();

/** The calendar day `ms` falls on in `timeZone`, as days since 1970 (for "yesterday" across DST changes). */
function calendarDay(ms: number, timeZone: string): CalendarDay {
  const key = `${timeZone} ${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let found = calendarDays.get(key);
  if (!found) {
    const parts = formatterFor("day", DEFAULT_LANGUAGE, timeZone, {
      year: "numeric",
      month: "numeric",
      day: "numeric",
    }).formatToParts(new Date(ms));
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
export function formatRelativeTime(ms: number, now: number, timeZone: string, language: string): string {
  const lang = languageOf(language);
  const ago = now - ms;
  // "Now" as Intl says it ("now", "ahora") reads as a clock; the catalogs say "just now", "hace un momento".
  if (ago < MINUTE_MS) return i18nFor(lang).t("languages:time.justNow"); // also a clock a little ahead of ours
  if (ago < HOUR_MS) return relativeFormat(lang, "always").format(-Math.floor(ago / MINUTE_MS), "minute");
  const then = calendarDay(ms, timeZone);
  const today = calendarDay(now, timeZone);
  const days = today.day - then.day;
  if (days === 0 || ago < 6 * HOUR_MS) return relativeFormat(lang, "always").format(-Math.floor(ago / HOUR_MS), "hour");
  if (days === 1) return relativeFormat(lang, "auto").format(-1, "day"); // "yesterday", "ayer"
  if (then.year === today.year) {
    then.dayMonth ??= {};
    return (then.dayMonth[lang] ??= formatterFor("dayMonth", lang, timeZone, { month: "short", day: "numeric" }).format(
      new Date(ms),
    ));
  }
  then.stable ??= {};
  return (then.stable[lang] ??= formatStableDate(ms, timeZone, lang));
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(language: Language, numeric: "always" | "auto"): Intl.RelativeTimeFormat {
  const key = `${language} ${numeric}`;
  let format = relativeFormats.get(key);
  if (!format) relativeFormats.set(key, (format = new Intl.RelativeTimeFormat(LOCALES[language].whole, { numeric })));
  return format;
}
