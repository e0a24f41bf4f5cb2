import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  DEFAULT_SITE_TIME_ZONE,
  formatFullDateTime,
  formatRelativeTime,
  formatStableDate,
  isoDate,
} from "~/lib/format";

/**
 * How this page tells time (docs/decisions/0021): the reader's zone (a member's setting, else the site's), and
 * the moment the server rendered it for a member, or null for a visitor, whose page may be served from the
 * cache long after it was rendered and so shows stable dates until the browser replaces them.
 */
export interface ReaderClock {
  timeZone: string;
  renderedAt: number | null;
}

const ReaderClockContext = createContext<ReaderClock>({ timeZone: DEFAULT_SITE_TIME_ZONE, renderedAt: null });

export function ReaderClockProvider({ clock, children }: { clock: ReaderClock; children: ReactNode }) {
  return <ReaderClockContext.Provider value={clock}>{children}</ReaderClockContext.Provider>;
}

export function useReaderClock(): ReaderClock {
  return useContext(ReaderClockContext);
}

/** The page's language, for dates and numbers (the same on the server and in the browser: the root loader's). */
export function usePageLanguage(): string {
  return useTranslation().i18n.language;
}

const TICK_MS = 60_000;

/** The browser's clock once hydrated (null before: the first render must match the server's HTML). */
function useBrowserNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * One time, said relatively ("3 hours ago") with the full date and time in the reader's zone on hover. The
 * server's words: relative to when it rendered (members) or a stable date (visitors' cacheable pages); once
 * hydrated, relative to the browser's clock, refreshed every minute.
 */
export function RelativeTime({ ms, className }: { ms: number; className?: string }) {
  const { timeZone, renderedAt } = useReaderClock();
  const language = usePageLanguage();
  const browserNow = useBrowserNow();
  const now = browserNow ?? renderedAt;
  return (
    <time dateTime={isoDate(ms)} title={formatFullDateTime(ms, timeZone, language)} className={className}>
      {now === null ? formatStableDate(ms, timeZone, language) : formatRelativeTime(ms, now, timeZone, language)}
    </time>
  );
}
