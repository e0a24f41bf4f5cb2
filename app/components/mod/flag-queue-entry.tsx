import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { FormError } from "~/components/form-field";
import { flagReasonLabel } from "~/lib/flags";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { FlagQueueItem } from "~/models/flags.server";
import { HidePostForm } from "./hide-post-form";
import { MemberLink } from "~/components/member-link";
import { SubmitButton } from "~/components/submit-button";

/**
 * One flagged post in the moderators' queue: the post in its context, every flag on it, and the three
 * decisions. `failed` carries the errors and typed fields of this post's form that just failed, if any.
 */
export function FlagQueueEntry({
  item,
  failed,
}: {
  item: SerializeFrom<FlagQueueItem>;
  failed: { intent: string; errors: FieldErrors; fields: Fields } | null;
}) {
  const language = usePageLanguage();
  const { post, thread, flags } = item;
  const headingId = `flagged-${post.id}`;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.errors : {});
  const fieldsFor = (intent: string) => (failed?.intent === intent ? failed.fields : undefined);
  const isStaff = post.author.role !== "member";
  return (
    <article className="card flag-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {post.depth === 0 ? "Opening post of " : "Reply in "}
        <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
      </h2>
      <p className="muted small">
        By <MemberLink member={post.author} />
        {isStaff ? <span className="badge">{post.author.role}</span> : null} ·{" "}
        <Link to={`/posts/${post.id}`}>
          <time dateTime={isoDate(post.createdAt)}>{formatDateTime(post.createdAt, language)}</time>
        </Link>
      </p>
      {post.hidden ? (
        <p className="notice small">Hidden now: {post.hiddenReason}.</p>
      ) : (
        <p className="muted small">Visible to everyone now.</p>
      )}
      <div className="prose flagged-post" dangerouslySetInnerHTML={{ __html: post.html }} />
      <h3>
        {flags.length} {flags.length === 1 ? "flag" : "flags"}
      </h3>
      <ul className="flag-reports">
        {flags.map((flag) => (
          <li key={flag.id}>
            <strong>{flagReasonLabel(flag.reason)}</strong>, from <MemberLink member={flag.flagger} />,{" "}
            <time dateTime={isoDate(flag.createdAt)}>{formatDateTime(flag.createdAt, language)}</time>
            {flag.note ? <p className="flag-note">“{flag.note}”</p> : null}
          </li>
        ))}
      </ul>
      <h3 className="visually-hidden">Decide</h3>
      <FormError message={failed?.errors.form} />
      {post.depth === 0 ? (
        <p>
          This is the opening post of its thread:{" "}
          <Link to={`/mod/threads/${thread.id}`}>hide the whole thread instead</Link>, then dismiss these flags if
          nothing else is wrong.
        </p>
      ) : (
        <details className="mod-choice" open={failed?.intent === "hide"}>
          <summary>Hide</summary>
          <HidePostForm
            postId={post.id}
            intent="hide"
            submitLabel="Hide the post"
            errors={errorsFor("hide")}
            fields={fieldsFor("hide")}
          />
        </details>
      )}
      <Form method="post" className="mod-choice">
        <input type="hidden" name="intent" value="dismiss" />
        <input type="hidden" name="postId" value={post.id} />
        <SubmitButton busyLabel="Dismissing…" className="secondary">
          Dismiss flags
        </SubmitButton>{" "}
        <span className="muted small">
          {post.hidden
            ? "Nothing wrong: the flags close and a post hidden by flags comes back."
            : "Nothing wrong: the flags close."}
        </span>
      </Form>
      {post.depth === 0 ? null : (
        <details className="mod-choice" open={failed?.intent === "hide-suspend"}>
          <summary>Hide and suspend the author</summary>
          <HidePostForm
            postId={post.id}
            intent="hide-suspend"
            submitLabel="Hide and suspend"
            errors={errorsFor("hide-suspend")}
            fields={fieldsFor("hide-suspend")}
          >
            <p className="field-hint">
              {isStaff
                ? `${post.author.displayName} is a ${post.author.role}: only an admin can change their role before a suspension.`
                : `${post.author.displayName} can read but not post, react or flag until the suspension ends; they are signed out now.`}
            </p>
          </HidePostForm>
        </details>
      )}
    </article>
  );
}
