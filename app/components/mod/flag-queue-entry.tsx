import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { flagReasonLabel } from "~/lib/flags";
import { formatDateTime, isoDate } from "~/lib/format";
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
  const { post, thread, flags } = item;
  const headingId = `flagged-${post.id}`;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.errors : {});
  const fieldsFor = (intent: string) => (failed?.intent === intent ? failed.fields : undefined);
  const isStaff = post.author.role !== "member";
  const { t } = useTranslation("moderation");
  const threadLink = <Link to={`/threads/${thread.id}/${thread.slug}`} />;
  return (
    <article className="card flag-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <Trans
          t={t}
          i18nKey={post.depth === 0 ? "flagQueue.openingPostOf" : "flagQueue.replyIn"}
          values={{ title: thread.title }}
          components={{ go: threadLink }}
        />
      </h2>
      <p className="muted small">
        <Trans t={t} i18nKey="flagQueue.by" components={{ member: <MemberLink member={post.author} /> }} />
        {isStaff ? <span className="badge">{t(`role.${post.author.role}`)}</span> : null} ·{" "}
        <Link to={`/posts/${post.id}`}>
          <time dateTime={isoDate(post.createdAt)}>{formatDateTime(post.createdAt)}</time>
        </Link>
      </p>
      {post.hidden ? (
        <p className="notice small">{t("flagQueue.hiddenNow", { reason: post.hiddenReason })}</p>
      ) : (
        <p className="muted small">{t("flagQueue.visibleNow")}</p>
      )}
      <div className="prose flagged-post" dangerouslySetInnerHTML={{ __html: post.html }} />
      <h3>{t("flagQueue.flagCount", { count: flags.length })}</h3>
      <ul className="flag-reports">
        {flags.map((flag) => (
          <li key={flag.id}>
            <Trans
              t={t}
              i18nKey="flagQueue.flagFrom"
              // The flag reasons are the threads area's words: t() translates them if they are keys, shows them if not.
              values={{ reason: t(flagReasonLabel(flag.reason)), when: formatDateTime(flag.createdAt) }}
              components={{
                strong: <strong />,
                member: <MemberLink member={flag.flagger} />,
                time: <time dateTime={isoDate(flag.createdAt)} />,
              }}
            />
            {flag.note ? <p className="flag-note">“{flag.note}”</p> : null}
          </li>
        ))}
      </ul>
      <h3 className="visually-hidden">{t("flagQueue.decide")}</h3>
      <FormError message={failed?.errors.form} />
      {post.depth === 0 ? (
        <p>
          <Trans
            t={t}
            i18nKey="flagQueue.openingPostNote"
            components={{ go: <Link to={`/mod/threads/${thread.id}`} /> }}
          />
        </p>
      ) : (
        <details className="mod-choice" open={failed?.intent === "hide"}>
          <summary>{t("flagQueue.hide")}</summary>
          <HidePostForm
            postId={post.id}
            intent="hide"
            submitLabel={t("flagQueue.hideThePost")}
            errors={errorsFor("hide")}
            fields={fieldsFor("hide")}
          />
        </details>
      )}
      <Form method="post" className="mod-choice">
        <input type="hidden" name="intent" value="dismiss" />
        <input type="hidden" name="postId" value={post.id} />
        <SubmitButton busyLabel={t("flagQueue.dismissBusy")} className="secondary">
          {t("flagQueue.dismiss")}
        </SubmitButton>{" "}
        <span className="muted small">
          {post.hidden ? t("flagQueue.dismissHintHidden") : t("flagQueue.dismissHint")}
        </span>
      </Form>
      {post.depth === 0 ? null : (
        <details className="mod-choice" open={failed?.intent === "hide-suspend"}>
          <summary>{t("flagQueue.hideAndSuspend")}</summary>
          <HidePostForm
            postId={post.id}
            intent="hide-suspend"
            submitLabel={t("flagQueue.hideAndSuspendButton")}
            errors={errorsFor("hide-suspend")}
            fields={fieldsFor("hide-suspend")}
          >
            <p className="field-hint">
              {isStaff
                ? t(`flagQueue.staffCannotBeSuspended.${post.author.role === "admin" ? "admin" : "moderator"}`, {
                    name: post.author.displayName,
                  })
                : t("flagQueue.suspensionEffect", { name: post.author.displayName })}
            </p>
          </HidePostForm>
        </details>
      )}
    </article>
  );
}
