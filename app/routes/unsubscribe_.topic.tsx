import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { verifyToken } from "~/lib/signed-token.server";
import { getTopicName, setTopicByEmail, TOPIC_MAIL_UNSUBSCRIBE_PURPOSE } from "~/models/list-mail.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("mail:list.unsubscribe.title") }) },
    { name: "robots", content: "noindex" },
  ];
};

// The List-Unsubscribe link of a topic's emails (mailing-list mode, issue 20). Opening it changes nothing (mail
// scanners open links); the button, or a mail client's one-click POST (RFC 8058, no Origin: let through by the
// server for this path, the signed token being the proof), stops that topic's emails. No login needed.
async function fromLink(url: URL): Promise<{ memberId: number; tagId: number } | null> {
  const member = url.searchParams.get("m") ?? "";
  const tag = url.searchParams.get("tg") ?? "";
  const token = url.searchParams.get("t") ?? "";
  if (!/^[1-9][0-9]{0,15}$/.test(member) || !/^[1-9][0-9]{0,15}$/.test(tag) || !token) return null;
  const valid = await verifyToken(TOPIC_MAIL_UNSUBSCRIBE_PURPOSE, `${member}:${tag}`, token);
  return valid ? { memberId: Number(member), tagId: Number(tag) } : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const link = await fromLink(new URL(request.url));
  const topic = link ? await getTopicName(link.tagId) : null;
  return json({ topic }, { status: topic ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const link = await fromLink(new URL(request.url));
  if (!link) return json({ done: false }, { status: 400 });
  await setTopicByEmail(link.memberId, link.tagId, false);
  return json({ done: true });
}

export default function TopicMailUnsubscribePage() {
  const { topic } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("mail");
  return (
    <div className="page narrow">
      <h1>{t("list.unsubscribe.heading")}</h1>
      {topic === null || result?.done === false ? (
        <p className="form-error" role="alert">
          {t("list.unsubscribe.invalid")}
        </p>
      ) : result?.done ? (
        <p role="status">{t("list.unsubscribe.done", { topic })}</p>
      ) : (
        <Form method="post">
          <p>{t("list.unsubscribe.question", { topic })}</p>
          <button type="submit">{t("list.unsubscribe.button")}</button>
        </Form>
      )}
    </div>
  );
}
