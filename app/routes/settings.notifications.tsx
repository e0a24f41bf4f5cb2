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
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("settings:notifications.title") }) }];
};

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

// Each choice's words: settings:notifications.alerts.<value>.
const ALERT_CHOICES = ["immediate", "digest", "never"] as const;
// Each one's words: settings:notifications.frequency.<value>.
const FREQUENCIES = ["none", "daily", "weekly"] as const;

export default function NotificationSettingsPage() {
  const { t } = useTranslation("settings");
  const { frequency, alerts, topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const typed = actionData?.fields ?? {};
  return (
    <div className="page narrow">
      <h1>{t("notifications.title")}</h1>
      <Form method="post" className="stack">
        <fieldset className="field">
          <legend>{t("notifications.alertsLegend")}</legend>
          <p className="field-hint">{t("notifications.alertsHint")}</p>
          <FormError message={errors.alerts} />
          {ALERT_CHOICES.map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="alerts" value={value} defaultChecked={(typed.alerts ?? alerts) === value} />{" "}
              {t(`notifications.alerts.${value}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>{t("notifications.digestLegend")}</legend>
          <p className="field-hint">{t("notifications.digestHint")}</p>
          <FormError message={errors.frequency ?? errors.digestTopic} />
          {FREQUENCIES.map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="frequency"
                value={value}
                defaultChecked={(typed.frequency ?? frequency) === value}
              />{" "}
              {t(`notifications.frequency.${value}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>{t("notifications.topicsLegend")}</legend>
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
              <Trans
                t={t}
                i18nKey="notifications.noTopics"
                values={{ contents: t(NO_TOPICS_DIGEST_CONTENTS) }}
                components={{ go: <Link to="/topics" /> }}
              />
            </p>
          )}
        </fieldset>
        <SubmitButton busyLabel={t("notifications.saving")}>{t("notifications.save")}</SubmitButton>
      </Form>
      {topics.length ? (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">{t("notifications.followedHeading")}</h2>
          <ul className="followed-topics">
            {topics.map((topic) => (
              <li key={topic.tagId}>
                <Link to={`/topics/${topic.slug}`}>{topic.name}</Link>
                <Form method="post">
                  <input type="hidden" name="intent" value="unfollow" />
                  <input type="hidden" name="tagId" value={topic.tagId} />
                  <button type="submit" className="secondary small-button">
                    <Trans
                      t={t}
                      i18nKey="notifications.unfollow"
                      values={{ topic: topic.name }}
                      components={{ hidden: <span className="visually-hidden" /> }}
                    />
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
