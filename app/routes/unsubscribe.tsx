import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyToken } from "~/lib/signed-token.server";
import { setDigestFrequency } from "~/models/digests.server";
import { UNSUBSCRIBE_PURPOSE } from "~/models/digest-run.server";
import { ALERTS_UNSUBSCRIBE_PURPOSE, setReplyAlerts } from "~/models/reply-alerts.server";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("email:unsubscribePage.title") }) },
    { name: "robots", content: "noindex" },
  ];
};

// Which emails a link stops: the digest (links without `list`, as every digest has carried), or reply alerts.
// Each list's words: email:unsubscribePage.<list>.heading, .question, .done. The link carries `lang=` for a
// recipient who chose a language, so the page speaks theirs.
type ListName = "digest" | "alerts";

function listOf(url: URL): ListName | null {
  const list = url.searchParams.get("list") ?? "digest";
  return list === "digest" || list === "alerts" ? list : null;
}

async function memberFromLink(url: URL, list: ListName | null): Promise<number | null> {
  const member = url.searchParams.get("m") ?? "";
  const token = url.searchParams.get("t") ?? "";
  if (!list || !/^[1-9][0-9]{0,15}$/.test(member) || !token) return null;
  const purpose = list === "alerts" ? ALERTS_UNSUBSCRIBE_PURPOSE : UNSUBSCRIBE_PURPOSE;
  return (await verifyToken(purpose, member, token)) ? Number(member) : null;
}

// The link in every digest and reply alert. Opening it changes nothing (mail scanners open links); the button,
// or a mail client's one-click POST (RFC 8058, which sends no Origin: the server lets this path through because
// the signed token is the proof), turns those emails off. No login needed.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const list = listOf(url);
  const valid = (await memberFromLink(url, list)) !== null;
  return json({ valid, list: list ?? "digest" }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const list = listOf(url);
  const memberId = await memberFromLink(url, list);
  if (memberId === null || !list) return json({ done: false }, { status: 400 });
  if (list === "alerts") await setReplyAlerts(memberId, "never");
  else await setDigestFrequency(memberId, "none");
  return json({ done: true });
}

export default function UnsubscribePage() {
  const { t } = useTranslation("email");
  const { valid, list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>{t(`unsubscribePage.${list}.heading`)}</h1>
      {!valid || result?.done === false ? (
        <p className="form-error" role="alert">
          <Trans t={t} i18nKey="unsubscribePage.invalid" components={{ go: <Link to="/settings/notifications" /> }} />
        </p>
      ) : result?.done ? (
        <p role="status">
          <Trans
            t={t}
            i18nKey={`unsubscribePage.${list}.done`}
            components={{ go: <Link to="/settings/notifications" /> }}
          />
        </p>
      ) : (
        <Form method="post">
          <p>{t(`unsubscribePage.${list}.question`)}</p>
          <button type="submit">{t("unsubscribePage.submit")}</button>
        </Form>
      )}
    </div>
  );
}
