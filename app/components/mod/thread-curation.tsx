import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { HIDE_NOTE_MAX, LOCK_REASON_MAX } from "~/lib/moderation-schemas";
import { TAGS_MAX, type FieldErrors, type Fields } from "~/lib/validation";
import { TopicCheckboxes } from "~/components/topic-checkboxes";
import { HideReasonFields } from "./hide-post-form";
import { THREAD_KIND_HEADINGS } from "~/lib/thread-display";
import type { ThreadHeaderView } from "~/models/thread-page.server";
import type { TopicChoice } from "~/models/topics.server";
import { MemberLink } from "~/components/member-link";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

interface ThreadCurationProps {
  thread: SerializeFrom<ThreadHeaderView>;
  topics: TopicChoice[];
  errors: FieldErrors;
  /** What was typed in the form that failed, with its `intent`. */
  fields: Fields | undefined;
}

/** What each action says once done (its flash). */
export const THREAD_STATUS_MESSAGES = {
  pinned: "moderation:threadPage.done.pinned",
  unpinned: "moderation:threadPage.done.unpinned",
  featured: "moderation:threadPage.done.featured",
  unfeatured: "moderation:threadPage.done.unfeatured",
  locked: "moderation:threadPage.done.locked",
  unlocked: "moderation:threadPage.done.unlocked",
  topics: "moderation:threadPage.done.topics",
  hidden: "moderation:threadPage.done.hidden",
  restored: "moderation:threadPage.done.restored",
} as const;

/** A moderator's controls for one thread: pin, feature, lock, topics, hide. Each form posts its own intent. */
export function ThreadCuration({ thread, topics, errors, fields }: ThreadCurationProps) {
  const { t } = useTranslation("moderation");
  const action = `/mod/threads/${thread.id}`;
  const typed = (intent: string) => (fields?.intent === intent ? fields : undefined);
  const chosen = new Set(
    typed("topics") ? ([] as string[]).concat(typed("topics")?.tagSlugs ?? []) : thread.tags.map((tag) => tag.slug),
  );
  return (
    <div className="page narrow mod-page">
      <p className="muted">
        <Link to={`/threads/${thread.id}/${thread.slug}`}>{t("threadPage.back")}</Link>
      </p>
      <h1>{t("threadPage.title", { title: thread.title })}</h1>
      <ErrorSummary errors={errors} />
      <FormError message={errors.form} />
      <dl className="profile-facts">
        <dt>{t("threadPage.kind")}</dt>
        {/* The threads area's words: t() translates them if they are keys, shows them if not. */}
        <dd>{t(THREAD_KIND_HEADINGS[thread.kind])}</dd>
        <dt>{t("threadPage.author")}</dt>
        <dd>
          <MemberLink member={thread.author} />
        </dd>
        <dt>{t("threadPage.state")}</dt>
        <dd>{describeState(thread, t)}</dd>
        <dt>{t("threadPage.topics")}</dt>
        <dd>{thread.tags.length ? thread.tags.map((tag) => tag.name).join(", ") : t("threadPage.noTopics")}</dd>
      </dl>

      <ModSection id="pin" title={t("threadPage.pin")}>
        <p className="field-hint">{t("threadPage.pinHint")}</p>
        <ToggleForm
          action={action}
          intent={thread.pinned ? "unpin" : "pin"}
          label={thread.pinned ? t("threadPage.unpin") : t("threadPage.pinThis")}
        />
      </ModSection>

      {thread.kind === "story" ? (
        <ModSection id="feature" title={t("threadPage.feature")}>
          <ToggleForm
            action={action}
            intent={thread.featured ? "unfeature" : "feature"}
            label={thread.featured ? t("threadPage.unfeature") : t("threadPage.featureThis")}
          />
        </ModSection>
      ) : null}

      <ModSection id="lock" title={t("threadPage.replies")}>
        {thread.locked ? (
          <>
            <p>
              {t(thread.lockedByAuthor ? "threadPage.lockedByAuthor" : "threadPage.locked", {
                reason: thread.lockReason,
              })}
            </p>
            <ToggleForm action={action} intent="unlock" label={t("threadPage.unlock")} />
          </>
        ) : (
          <Form method="post" action={action} noValidate className="stack">
            <input type="hidden" name="intent" value="lock" />
            <Field
              id="lockReason"
              label={t("threadPage.lockReason")}
              error={errors.lockReason}
              hint={t("threadPage.lockReasonHint", { max: LOCK_REASON_MAX })}
            >
              {(describedBy, invalid) => (
                <textarea
                  id="lockReason"
                  name="lockReason"
                  rows={2}
                  required
                  defaultValue={fieldValue(typed("lock"), "lockReason")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            <SubmitButton busyLabel={t("threadPage.lockBusy")}>{t("threadPage.lock")}</SubmitButton>
          </Form>
        )}
      </ModSection>

      <ModSection id="topics" title={t("threadPage.topics")}>
        <Form method="post" action={action} noValidate className="stack">
          <input type="hidden" name="intent" value="topics" />
          <TopicCheckboxes
            name="tagSlugs"
            legend={t("threadPage.topicsLegend")}
            hint={t("threadPage.topicsHint", { maximum: TAGS_MAX })}
            error={errors.tagSlugs}
            topics={topics}
            chosen={chosen}
          />
          <SubmitButton busyLabel={t("threadPage.saveBusy")}>{t("threadPage.saveTopics")}</SubmitButton>
        </Form>
      </ModSection>

      <ModSection id="hide" title={t("threadPage.visibility")}>
        {thread.hidden ? (
          <>
            <p>{t("threadPage.hidden", { reason: thread.hiddenReason })}</p>
            <ToggleForm action={action} intent="restore" label={t("threadPage.restore")} />
          </>
        ) : (
          <HideForm action={action} errors={errors} fields={typed("hide")} />
        )}
      </ModSection>
    </div>
  );
}

function describeState(thread: ThreadCurationProps["thread"], t: TFunction<"moderation">): string {
  const parts = [
    thread.pinned ? t("threadPage.states.pinned") : null,
    thread.featured ? t("threadPage.states.featured") : null,
    thread.locked ? t("threadPage.states.locked") : null,
    thread.hidden ? t("threadPage.states.hidden") : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : t("threadPage.states.open");
}

function ModSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mod-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function ToggleForm({ action, intent, label }: { action: string; intent: string; label: string }) {
  const { t } = useTranslation("moderation");
  return (
    <Form method="post" action={action}>
      <SubmitButton busyLabel={t("threadPage.saveBusy")} name="intent" value={intent}>
        {label}
      </SubmitButton>
    </Form>
  );
}

function HideForm({ action, errors, fields }: { action: string; errors: FieldErrors; fields: Fields | undefined }) {
  const { t } = useTranslation("moderation");
  return (
    <Form method="post" action={action} noValidate className="stack">
      <input type="hidden" name="intent" value="hide" />
      <p className="field-hint">{t("threadPage.hideHint")}</p>
      <HideReasonFields noteMax={HIDE_NOTE_MAX} errors={errors} fields={fields} />
      <SubmitButton busyLabel={t("hideForm.busy")}>{t("threadPage.hide")}</SubmitButton>
    </Form>
  );
}
