import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReaderClockProvider } from "~/components/reader-time";
import { isModerator } from "~/lib/permissions";
import { siteTimeZone } from "~/lib/time-zone.server";
import { countWaitingFlaggedPosts } from "~/models/flags.server";
import { getReaderTimeZone } from "~/models/member-time-zone.server";
import { FlashMessage } from "~/components/flash-message";
import { AccountStandingBanner, SiteFooter, SiteHeader, SuspensionBanner } from "~/components/site-chrome";
import { getAccountStanding } from "~/models/account-standing.server";
import { getActiveSuspension } from "~/models/members-moderation.server";
import { countUnread, UNREAD_BADGE_CAP } from "~/models/notifications.server";
import { errorDocumentTitle } from "~/lib/error-pages";
import { LanguageAlternates } from "~/components/language-alternates";
import { DEFAULT_LANGUAGE, i18nFor, isLanguage } from "~/lib/i18n";
import { publicOrigin } from "~/lib/http.server";
import { DEFAULT_SITE_TIME_ZONE } from "~/lib/format";
import { readFlash } from "~/lib/flash.server";
import stylesHref from "~/styles/app.css";

// Routes with a meta export replace this; one without (actions, redirects) that fails still gets a title.
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  const language = isLanguage(data?.language) ? data.language : DEFAULT_LANGUAGE;
  return [{ title: error ? errorDocumentTitle(error, i18nFor(language).t) : "Roundtable" }];
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context, request }: LoaderFunctionArgs) {
  // A suspended member reads on; a banner on every page says why they can't write. So does one whose address
  // is not verified yet (with "send the link again"), or who waits for a moderator's approval.
  const viewer = context.viewer;
  const [suspension, unread, standing, timeZone, waitingFlags] = viewer
    ? await Promise.all([
        getActiveSuspension(viewer.id),
        countUnread(viewer, { atMost: UNREAD_BADGE_CAP + 1 }),
        getAccountStanding(viewer.id),
        getReaderTimeZone(viewer.id),
        isModerator(viewer) ? countWaitingFlaggedPosts() : 0,
      ])
    : [null, 0, null, siteTimeZone(), 0];
  // Times read relative to when a member's page was rendered; a visitor's page may come from the cache, so it
  // carries no render time and shows stable dates until the browser says them relatively (decision 0021).
  const clock = { timeZone, renderedAt: viewer ? Date.now() : null };
  // The message an action left for this page, cleared by this very response (Remix adds a loader's Set-Cookie
  // to the document's headers too), so it shows once.
  const { flash, setCookie } = await readFlash(request);
  const language = context.language ?? DEFAULT_LANGUAGE;
  const origin = publicOrigin(request);
  return json(
    {
      viewer,
      cspNonce: context.cspNonce,
      suspension,
      unread,
      standing,
      clock,
      waitingFlags,
      flash,
      language,
      origin,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.cspNonce;
  const clock = data?.clock ?? { timeZone: DEFAULT_SITE_TIME_ZONE, renderedAt: null };
  const language = data?.language ?? DEFAULT_LANGUAGE;
  const { t } = useTranslation("common");
  useChangeLanguage(language);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <LanguageAlternates origin={data?.origin} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipLink")}
        </a>
        <SiteHeader viewer={data?.viewer ?? null} unread={data?.unread ?? 0} waitingFlags={data?.waitingFlags ?? 0} />
        {data?.suspension ? <SuspensionBanner suspension={data.suspension} /> : null}
        {data?.standing ? <AccountStandingBanner standing={data.standing} /> : null}
        <ReaderClockProvider clock={clock}>
          <main id="main" tabIndex={-1}>
            <FlashMessage flash={data?.flash ?? null} />
            {children}
          </main>
        </ReaderClockProvider>
        <SiteFooter language={language} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <GeneralErrorBoundary error={error} />;
}
