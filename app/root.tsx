import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlashMessage } from "~/components/flash-message";
import { AccountStandingBanner, SiteFooter, SiteHeader, SuspensionBanner } from "~/components/site-chrome";
import { getAccountStanding } from "~/models/account-standing.server";
import { getActiveSuspension } from "~/models/members-moderation.server";
import { countUnread } from "~/models/notifications.server";
import { readFlash } from "~/lib/flash.server";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context, request }: LoaderFunctionArgs) {
  // A suspended member reads on; a banner on every page says why they can't write. So does one whose address
  // is not verified yet (with "send the link again"), or who waits for a moderator's approval.
  const [suspension, unread, standing] = context.viewer
    ? await Promise.all([
        getActiveSuspension(context.viewer.id),
        countUnread(context.viewer),
        getAccountStanding(context.viewer.id),
      ])
    : [null, 0, null];
  // The message an action left for this page, cleared by this very response (Remix adds a loader's Set-Cookie
  // to the document's headers too), so it shows once.
  const { flash, setCookie } = await readFlash(request);
  return json(
    { viewer: context.viewer, cspNonce: context.cspNonce, suspension, unread, standing, flash },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.cspNonce;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader viewer={data?.viewer ?? null} unread={data?.unread ?? 0} />
        {data?.suspension ? <SuspensionBanner suspension={data.suspension} /> : null}
        {data?.standing ? <AccountStandingBanner standing={data.standing} /> : null}
        <main id="main" tabIndex={-1}>
          <FlashMessage flash={data?.flash ?? null} />
          {children}
        </main>
        <SiteFooter />
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
