import type { ActionFunctionArgs } from "@remix-run/node";
import { siteOrigin } from "~/auth/lucia.server";
import { readInboundRequest } from "~/lib/inbound-webhook.server";
import { logError } from "~/lib/log.server";
import { receiveInboundMail } from "~/models/inbound-mail.server";

// A mail provider's webhook (issue 20, docs/decisions/0040): one raw email per POST, with the shared secret.
// 200 once the message is handled (posted, refused and answered, ignored, or already seen); 503 when we failed
// for a reason of ours, so the provider delivers it again later.

export async function loader() {
  return new Response("Not found", { status: 404 });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  const read = await readInboundRequest(request);
  if (!read.ok)
    return new Response(null, { status: read.status, headers: read.status === 413 ? { Connection: "close" } : {} });
  try {
    const result = await receiveInboundMail(read.raw, { origin: siteOrigin() ?? new URL(request.url).origin });
    return Response.json(result);
  } catch (error) {
    logError(error, { path: "/mail/inbound" });
    return new Response(null, { status: 503, headers: { "Retry-After": "300" } });
  }
}
