import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyToken } from "~/lib/signed-token.server";
import { setDigestFrequency } from "~/models/digests.server";
import { UNSUBSCRIBE_PURPOSE } from "~/models/digest-run.server";
import { ALERTS_UNSUBSCRIBE_PURPOSE, setReplyAlerts } from "~/models/reply-alerts.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Roundtable" }, { name: "robots", content: "noindex" }];

// Which emails a link stops: the digest (links without `list`, as every digest has carried), or reply alerts.
const WORDS = {
  digest: {
    heading: "Email digests",
    question: "Stop receiving Roundtable digest emails?",
    done: "You are unsubscribed: no more digest emails.",
  },
  alerts: {
    heading: "Emails about replies and mentions",
    question: "Stop receiving emails when someone replies to you or mentions you?",
    done: "You are unsubscribed: no more emails about replies and mentions.",
  },
};
type ListName = keyof typeof WORDS;

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
  const { valid, list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const words = WORDS[list];
  return (
    <div className="page narrow">
      <h1>{words.heading}</h1>
      {!valid || result?.done === false ? (
        <p className="form-error" role="alert">
          This unsubscribe link is not valid. It may have been cut short: try copying the whole link from the email, or
          change your emails in <Link to="/settings/notifications">settings</Link>.
        </p>
      ) : result?.done ? (
        <p role="status">
          {words.done} You can turn them back on in <Link to="/settings/notifications">settings</Link>.
        </p>
      ) : (
        <Form method="post">
          <p>{words.question}</p>
          <button type="submit">Unsubscribe</button>
        </Form>
      )}
    </div>
  );
}
