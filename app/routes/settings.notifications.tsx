import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { FormError } from "~/components/form-field";
import { NO_TOPICS_DIGEST_CONTENTS } from "~/lib/digest-copy";
import { invalidForm } from "~/lib/http.server";
import { digestSettingsSchema, parseForm } from "~/lib/validation";
import { setDigestFrequency, getDigestFrequency } from "~/models/digests.server";
import { listFollowedTopics, setDigestTopics, unfollowTopic } from "~/models/follows.server";
import { getReplyAlerts, setReplyAlerts } from "~/models/reply-alerts.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Emails and following · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const [frequency, alerts, topics] = await Promise.all([
    getDigestFrequency(viewer.id),
    getReplyAlerts(viewer.id),
    listFollowedTopics(viewer.id),
  ]);
  return json({ frequency, alerts, topics });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === "unfollow") {
    const tagId = Number(formData.get("tagId"));
    if (Number.isSafeInteger(tagId)) await unfollowTopic(viewer.id, tagId);
    return redirectWithFlash("/settings/notifications", FLASH.notificationsSaved);
  }
  const parsed = parseForm(digestSettingsSchema, formData, ["digestTopic"]);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  // Only topics the member follows can be in their digest: others are ignored by setDigestTopics' filter.
  const followed = new Set((await listFollowedTopics(viewer.id)).map((t) => t.tagId));
  const chosen = parsed.data.digestTopic.map(Number).filter((id) => followed.has(id));
  await setDigestFrequency(viewer.id, parsed.data.frequency);
  await setDigestTopics(viewer.id, chosen);
  await setReplyAlerts(viewer.id, parsed.data.alerts);
  return redirectWithFlash("/settings/notifications", FLASH.notificationsSaved);
}

const ALERT_CHOICES = [
  ["immediate", "Right away (a few minutes after, unless I have read it here)"],
  ["digest", "In my digest"],
  ["never", "Never"],
] as const;

export default function NotificationSettingsPage() {
  const { frequency, alerts, topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const typed = actionData?.fields ?? {};
  return (
    <div className="page narrow">
      <h1>Emails and following</h1>
      <Form method="post" className="stack">
        <fieldset className="field">
          <legend>Email me about replies to my posts and mentions of me</legend>
          <p className="field-hint">In my digest: with a daily or weekly digest, chosen below.</p>
          <FormError message={errors.alerts} />
          {ALERT_CHOICES.map(([value, label]) => (
            <label key={value} className="radio">
              <input type="radio" name="alerts" value={value} defaultChecked={(typed.alerts ?? alerts) === value} />{" "}
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>Email digest</legend>
          <p className="field-hint">Like a Listserv: one email with what is new where you are listening.</p>
          <FormError message={errors.frequency ?? errors.digestTopic} />
          {(["none", "daily", "weekly"] as const).map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="frequency"
                value={value}
                defaultChecked={(typed.frequency ?? frequency) === value}
              />{" "}
              {value === "none" ? "No emails" : value === "daily" ? "Daily" : "Weekly"}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>Topics in the digest</legend>
          {topics.length ? (
            <ul className="checkbox-grid">
              {topics.map((topic) => (
                <li key={topic.tagId}>
                  <label>
                    <input type="checkbox" name="digestTopic" value={topic.tagId} defaultChecked={topic.inDigest} />{" "}
                    {topic.name}
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="field-hint">
              You follow no topics yet, so your digest will contain {NO_TOPICS_DIGEST_CONTENTS}; follow topics at{" "}
              <Link to="/topics">Topics</Link> to get their new threads too.
            </p>
          )}
        </fieldset>
        <SubmitButton busyLabel="Saving…">Save</SubmitButton>
      </Form>
      {topics.length ? (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">Topics you follow</h2>
          <ul className="followed-topics">
            {topics.map((topic) => (
              <li key={topic.tagId}>
                <Link to={`/topics/${topic.slug}`}>{topic.name}</Link>
                <Form method="post">
                  <input type="hidden" name="intent" value="unfollow" />
                  <input type="hidden" name="tagId" value={topic.tagId} />
                  <button type="submit" className="secondary small-button">
                    Unfollow<span className="visually-hidden"> {topic.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
