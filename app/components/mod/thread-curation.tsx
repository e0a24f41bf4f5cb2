import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
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
  pinned: "Pinned. The thread now leads its topic pages (and, for a prompt, the home page).",
  unpinned: "Unpinned. The thread takes its usual place again.",
  featured: "Featured. The story is marked as featured.",
  unfeatured: "No longer featured.",
  locked: "Locked. The thread takes no new replies, and shows your reason.",
  unlocked: "Unlocked. Members can reply again.",
  topics: "Topics saved. Topic pages and counts are updated.",
  hidden: "Hidden. Visitors no longer see this thread; its author sees your reason.",
  restored: "Restored. Everyone can see the thread again.",
} as const;

/** A moderator's controls for one thread: pin, feature, lock, topics, hide. Each form posts its own intent. */
export function ThreadCuration({ thread, topics, errors, fields }: ThreadCurationProps) {
  const action = `/mod/threads/${thread.id}`;
  const typed = (intent: string) => (fields?.intent === intent ? fields : undefined);
  const chosen = new Set(
    typed("topics") ? ([] as string[]).concat(typed("topics")?.tagSlugs ?? []) : thread.tags.map((t) => t.slug),
  );
  return (
    <div className="page narrow mod-page">
      <p className="muted">
        <Link to={`/threads/${thread.id}/${thread.slug}`}>Back to the thread</Link>
      </p>
      <h1>Moderate “{thread.title}”</h1>
      <ErrorSummary errors={errors} />
      <FormError message={errors.form} />
      <dl className="profile-facts">
        <dt>Kind</dt>
        <dd>{THREAD_KIND_HEADINGS[thread.kind]}</dd>
        <dt>Author</dt>
        <dd>
          <MemberLink member={thread.author} />
        </dd>
        <dt>State</dt>
        <dd>{describeState(thread)}</dd>
        <dt>Topics</dt>
        <dd>{thread.tags.length ? thread.tags.map((t) => t.name).join(", ") : "None"}</dd>
      </dl>

      <ModSection id="pin" title="Pin">
        <p className="field-hint">A pinned thread leads its topic pages; a pinned prompt leads the home page.</p>
        <ToggleForm
          action={action}
          intent={thread.pinned ? "unpin" : "pin"}
          label={thread.pinned ? "Unpin" : "Pin this thread"}
        />
      </ModSection>

      {thread.kind === "story" ? (
        <ModSection id="feature" title="Feature">
          <ToggleForm
            action={action}
            intent={thread.featured ? "unfeature" : "feature"}
            label={thread.featured ? "Stop featuring" : "Feature this story"}
          />
        </ModSection>
      ) : null}

      <ModSection id="lock" title="Replies">
        {thread.locked ? (
          <>
            <p>
              Locked{thread.lockedByAuthor ? " by its author" : ""}: {thread.lockReason}
            </p>
            <ToggleForm action={action} intent="unlock" label="Unlock replies" />
          </>
        ) : (
          <Form method="post" action={action} noValidate className="stack">
            <input type="hidden" name="intent" value="lock" />
            <Field
              id="lockReason"
              label="Why lock it?"
              error={errors.lockReason}
              hint={`Shown on the thread. Up to ${LOCK_REASON_MAX} characters.`}
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
            <SubmitButton busyLabel="Locking…">Lock replies</SubmitButton>
          </Form>
        )}
      </ModSection>

      <ModSection id="topics" title="Topics">
        <Form method="post" action={action} noValidate className="stack">
          <input type="hidden" name="intent" value="topics" />
          <TopicCheckboxes
            name="tagSlugs"
            legend="Topics of this thread"
            hint={`Choose 1 to ${TAGS_MAX}.`}
            error={errors.tagSlugs}
            topics={topics}
            chosen={chosen}
          />
          <SubmitButton busyLabel="Saving…">Save topics</SubmitButton>
        </Form>
      </ModSection>

      <ModSection id="hide" title="Visibility">
        {thread.hidden ? (
          <>
            <p>Hidden: {thread.hiddenReason}</p>
            <ToggleForm action={action} intent="restore" label="Restore the thread" />
          </>
        ) : (
          <HideForm action={action} errors={errors} fields={typed("hide")} />
        )}
      </ModSection>
    </div>
  );
}

function describeState(thread: ThreadCurationProps["thread"]): string {
  const parts = [
    thread.pinned ? "pinned" : null,
    thread.featured ? "featured" : null,
    thread.locked ? "locked" : null,
    thread.hidden ? "hidden" : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "open and visible";
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
  return (
    <Form method="post" action={action}>
      <SubmitButton busyLabel="Saving…" name="intent" value={intent}>
        {label}
      </SubmitButton>
    </Form>
  );
}

function HideForm({ action, errors, fields }: { action: string; errors: FieldErrors; fields: Fields | undefined }) {
  return (
    <Form method="post" action={action} noValidate className="stack">
      <input type="hidden" name="intent" value="hide" />
      <p className="field-hint">
        A hidden thread leaves every list and count. Its author still sees it, with your reason.
      </p>
      <HideReasonFields noteMax={HIDE_NOTE_MAX} errors={errors} fields={fields} />
      <SubmitButton busyLabel="Hiding…">Hide the thread</SubmitButton>
    </Form>
  );
}
