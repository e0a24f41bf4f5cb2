// A calmer thread page (issue 14): one relative time per post, with its full date and time in the reader's
// zone. Pure functions: the same answers on the server and in the browser.
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { formatFullDateTime, formatRelativeTime, formatStableDate, isTimeZone, listTimeZones } from "~/lib/format";
import { siteTimeZone } from "~/lib/time-zone.server";
import { ReaderClockProvider, RelativeTime } from "~/components/reader-time";
import { I18nextProvider } from "react-i18next";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { i18nFor } from "~/lib/i18n";

const LA = "America/Los_Angeles";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("relative times", () => {
  const now = Date.UTC(2026, 5, 15, 20, 0); // 15 June 2026, 1 PM in Los Angeles
  it("say minutes and hours the same day, 'yesterday' for the day before, a date beyond", () => {
    expect(formatRelativeTime(now - 20_000, now, LA, "en")).toBe("just now");
    expect(formatRelativeTime(now + 5 * MINUTE, now, LA, "en")).toBe("just now"); // a clock a little ahead
    expect(formatRelativeTime(now - MINUTE, now, LA, "en")).toBe("1 minute ago");
    expect(formatRelativeTime(now - 42 * MINUTE, now, LA, "en")).toBe("42 minutes ago");
    expect(formatRelativeTime(now - HOUR, now, LA, "en")).toBe("1 hour ago");
    expect(formatRelativeTime(now - 3 * HOUR, now, LA, "en")).toBe("3 hours ago");
    expect(formatRelativeTime(now - 20 * HOUR, now, LA, "en")).toBe("yesterday"); // 5 PM the day before
    expect(formatRelativeTime(now - 3 * 24 * HOUR, now, LA, "en")).toBe("12 Jun");
    expect(formatRelativeTime(Date.UTC(2026, 2, 12, 18), now, LA, "en")).toBe("12 Mar");
    expect(formatRelativeTime(Date.UTC(2025, 2, 12, 18), now, LA, "en")).toBe("12 Mar 2025");
  });

  it("count calendar days in the reader's zone: late last night is 'yesterday' in LA, 'N hours ago' in Tokyo", () => {
    const lateEvening = Date.UTC(2026, 5, 15, 6, 30); // 14 June 11:30 PM in LA; 15 June 3:30 PM in Tokyo
    const nextMorning = Date.UTC(2026, 5, 15, 14, 0); // 15 June 7 AM in LA; 15 June 11 PM in Tokyo
    expect(formatRelativeTime(lateEvening, nextMorning, LA, "en")).toBe("yesterday");
    expect(formatRelativeTime(lateEvening, nextMorning, "Asia/Tokyo", "en")).toBe("7 hours ago");
    // Under six hours it stays in hours even across midnight: "yesterday" for 40 minutes ago would mislead.
    expect(formatRelativeTime(lateEvening, lateEvening + 2 * HOUR, LA, "en")).toBe("2 hours ago");
  });

  it("across a DST change: a 23-hour day still makes the previous midnight 'yesterday', and the zone name follows", () => {
    // Clocks in Los Angeles sprang forward at 2 AM on 8 March 2026.
    const beforeChange = Date.UTC(2026, 2, 8, 8, 30); // 8 March 12:30 AM PST
    const afterChange = Date.UTC(2026, 2, 9, 7, 30); // 9 March 12:30 AM PDT: 23 hours later
    expect(afterChange - beforeChange).toBe(23 * HOUR);
    expect(formatRelativeTime(beforeChange, afterChange, LA, "en")).toBe("yesterday");
    expect(formatFullDateTime(beforeChange, LA, "en")).toBe("Sunday, March 8, 2026 at 12:30 AM PST");
    expect(formatFullDateTime(afterChange, LA, "en")).toBe("Monday, March 9, 2026 at 12:30 AM PDT");
    // And in autumn the hour that repeats: 1:30 AM happens twice on 1 November 2026.
    expect(formatFullDateTime(Date.UTC(2026, 10, 1, 8, 30), LA, "en")).toBe("Sunday, November 1, 2026 at 1:30 AM PDT");
    expect(formatFullDateTime(Date.UTC(2026, 10, 1, 9, 30), LA, "en")).toBe("Sunday, November 1, 2026 at 1:30 AM PST");
  });

  it("stable dates (for cached pages and no JavaScript) never depend on when they are read", () => {
    const ms = Date.UTC(2026, 2, 12, 6, 30); // 11:30 PM on the 11th in LA
    expect(formatStableDate(ms, LA, "en")).toBe("11 Mar 2026");
    expect(formatStableDate(ms, "Europe/Berlin", "en")).toBe("12 Mar 2026");
  });
});

describe("time zones", () => {
  afterEach(() => {
    delete process.env.SITE_TIME_ZONE;
  });

  it("accepts the runtime's IANA zones and UTC, refuses anything else", () => {
    expect(listTimeZones()).toContain("Europe/Madrid");
    for (const zone of ["America/Los_Angeles", "Asia/Tokyo", "UTC"]) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ["Mars/Olympus_Mons", "", "america/los_angeles", "PST8PDT<script>", "Local"])
      expect(isTimeZone(zone), zone).toBe(false);
  });

  it("the site's zone: SITE_TIME_ZONE when it is a zone, America/Los_Angeles otherwise", () => {
    expect(siteTimeZone()).toBe(LA);
    process.env.SITE_TIME_ZONE = "Europe/Lisbon";
    expect(siteTimeZone()).toBe("Europe/Lisbon");
    process.env.SITE_TIME_ZONE = "Nowhere/Special";
    expect(siteTimeZone()).toBe(LA);
  });
});

describe("<RelativeTime> on the server", () => {
  const ms = Date.UTC(2026, 5, 15, 17, 0);
  const render = (renderedAt: number | null, timeZone = LA, language = "en") =>
    renderToString(
      createElement(I18nextProvider, {
        i18n: i18nFor(language === "es" ? "es" : "en"),
        children: createElement(ReaderClockProvider, {
          clock: { timeZone, renderedAt },
          children: createElement(RelativeTime, { ms }),
        }),
      }),
    );

  it("for a visitor's (cacheable) page: a stable date, the full time in the title, the instant in dateTime", () => {
    const html = render(null);
    expect(html).toContain(">15 Jun 2026</time>");
    expect(html).toContain('title="Monday, June 15, 2026 at 10:00 AM PDT"');
    expect(html).toContain('dateTime="2026-06-15T17:00:00.000Z"');
  });

  it("for a member: relative to when the page was rendered, in their zone", () => {
    expect(render(ms + 3 * HOUR)).toContain(">3 hours ago</time>");
    expect(render(ms + 3 * HOUR, "Asia/Tokyo")).toContain('title="Tuesday, June 16, 2026 at 2:00 AM GMT+9"');
  });
});

describe("in Spanish (issue 18): the same moments in the page's language", () => {
  const now = Date.UTC(2026, 5, 15, 20, 0);
  const ms = Date.UTC(2026, 5, 15, 17, 0);

  it("relative times, dates and numbers", () => {
    expect(formatRelativeTime(now - 20_000, now, LA, "es")).toBe("hace un momento");
    expect(formatRelativeTime(now - MINUTE, now, LA, "es")).toBe("hace 1 minuto");
    expect(formatRelativeTime(now - 42 * MINUTE, now, LA, "es")).toBe("hace 42 minutos");
    expect(formatRelativeTime(now - 3 * HOUR, now, LA, "es")).toBe("hace 3 horas");
    expect(formatRelativeTime(now - 20 * HOUR, now, LA, "es")).toBe("ayer");
    expect(formatRelativeTime(Date.UTC(2026, 2, 12, 18), now, LA, "es")).toBe("12 mar");
    expect(formatRelativeTime(Date.UTC(2025, 2, 12, 18), now, LA, "es")).toBe("12 mar 2025");
    expect(formatFullDateTime(ms, LA, "es")).toBe("lunes, 15 de junio de 2026, 10:00 a.m. PDT");
    expect(formatDate(ms, "es")).toBe("15 de junio de 2026");
    expect(formatDateTime(ms, "es")).toBe("15 jun 2026, 5:00 p.m. UTC");
    expect(formatNumber(12000, "es")).toBe("12,000");
  });

  it("a day's English and Spanish words are cached apart: asking in one language never answers the other", () => {
    const day = Date.UTC(2024, 0, 9, 18);
    expect(formatRelativeTime(day, now, LA, "es")).toBe("9 ene 2024");
    expect(formatRelativeTime(day, now, LA, "en")).toBe("9 Jan 2024");
    expect(formatRelativeTime(day + 60_000, now, LA, "es")).toBe("9 ene 2024");
  });

  it("English as it always was; an unknown language formats in English", () => {
    expect(formatDate(ms, "en")).toBe("June 15, 2026");
    expect(formatDateTime(ms, "en")).toBe("Jun 15, 2026, 5:00 PM UTC");
    expect(formatNumber(12000, "en")).toBe("12,000");
    expect(formatDate(ms, "xx")).toBe("June 15, 2026");
  });

  it("<RelativeTime> takes the language from react-i18next", () => {
    const html = renderToString(
      createElement(I18nextProvider, {
        i18n: i18nFor("es"),
        children: createElement(ReaderClockProvider, {
          clock: { timeZone: LA, renderedAt: null },
          children: createElement(RelativeTime, { ms }),
        }),
      }),
    );
    expect(html).toContain(">15 jun 2026</time>");
    expect(html).toContain('title="lunes, 15 de junio de 2026, 10:00 a.m. PDT"');
  });
});
