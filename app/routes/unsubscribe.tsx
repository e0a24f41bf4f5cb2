import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyToken } from "~/lib/signed-token.server";
import { setDigestFrequency } from "~/models/digests.server";
import { UNSUBSCRIBE_PURPOSE } from "~/models/digest-run.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Roundtable" }, { name: "robots", content: "noindex" }];

async function memberFromLink(url: URL): Promise<number | null> {
  const member = url.searchParams.get("m") ?? "";
  const token = url.searchParams.get("t") ?? "";
  if (!/^[1-9][0-9]{0,15}$/.test(member) || !token) return null;
  return (await verifyToken(UNSUBSCRIBE_PURPOSE, member, token)) ? Number(member) : null;
}

// The link in every digest. Opening it changes nothing (mail scanners open links); the button, or a mail
// client's one-click POST (RFC 8058, which sends no Origin: the server lets this path through because the
// signed token is the proof), turns the digest off. No login needed.
export async function loader({ request }: LoaderFunctionArgs) {
  const valid = (await memberFromLink(new URL(request.url))) !== null;
  return json({ valid }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const memberId = await memberFromLink(new URL(request.url));
  if (memberId === null) return json({ done: false }, { status: 400 });
  await setDigestFrequency(memberId, "none");
  return json({ done: true });
}

export default function UnsubscribePage() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>Email digests</h1>
      {!valid || result?.done === false ? (
        <p className="form-error" role="alert">
          This unsubscribe link is not valid. It may have been cut short: try copying the whole link from the email, or
          change your emails in <Link to="/settings/notifications">settings</Link>.
        </p>
      ) : result?.done ? (
        <p role="status">
          You are unsubscribed: no more digest emails. You can turn them back on in{" "}
          <Link to="/settings/notifications">settings</Link>.
        </p>
      ) : (
        <Form method="post">
          <p>Stop receiving Roundtable digest emails?</p>
          <button type="submit">Unsubscribe</button>
        </Form>
      )}
    </div>
  );
}
