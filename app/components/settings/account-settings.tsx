import { Form } from "@remix-run/react";
import { CurrentPasswordField, FormError } from "~/components/form-field";
import type { FieldErrors, Fields } from "~/lib/validation";
import { SubmitButton } from "~/components/submit-button";

/** "Download your data": a plain form, so that the browser saves the file the answer carries. */
export function DownloadYourData({ exportsPerHour, wait }: { exportsPerHour: number; wait: string | null }) {
  return (
    <section aria-labelledby="download-heading">
      <h2 id="download-heading">Download your data</h2>
      <p>
        One JSON file with everything you wrote here (threads, replies, drafts, round answers with your consent choices
        and pseudonyms, and earlier versions of edited posts), your profile and settings, the topics and threads you
        follow, the posts you found helpful, the flags you made and where you are signed in.
      </p>
      {wait ? (
        <p className="notice" role="status">
          You have downloaded your data {exportsPerHour} times in the last hour. Please try again in {wait}.
        </p>
      ) : null}
      <form method="post" action="/settings/account/export">
        <button type="submit">Download your data</button>
      </form>
    </section>
  );
}

const POSTS_CHOICES = [
  {
    value: "keep",
    label: "Leave my posts, under “Former member”",
    hint: "Your threads, replies and answers stay as they are, with no name and no link to a profile.",
  },
  {
    value: "remove",
    label: "Remove my posts",
    hint: "Their words are erased. Where others replied to a post, a placeholder keeps the conversation together; elsewhere the post, or the thread you started, goes entirely.",
  },
] as const;

/** "Delete your account": what goes, the choice about posts, and the current password. */
export function DeleteYourAccount({
  counts,
  errors,
  fields,
}: {
  counts: { threads: number; posts: number; roundAnswers: number };
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const chosen = typeof fields?.posts === "string" ? fields.posts : null;
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <p>
        You are signed out everywhere, and your email address, password, profile, drafts, follows, notifications,
        settings, helpful marks and flag notes are erased. Your handle can't be taken by anyone else for 90 days. Your
        round answers leave every research export from now on. This can't be undone: download your data first if you
        want to keep it.
      </p>
      <p>
        You have written {counts.posts} {counts.posts === 1 ? "post" : "posts"}, including {counts.threads}{" "}
        {counts.threads === 1 ? "thread" : "threads"} you started and {counts.roundAnswers}{" "}
        {counts.roundAnswers === 1 ? "round answer" : "round answers"}.
      </p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="delete-account" />
        <FormError message={errors.form} />
        <fieldset
          className={errors.posts ? "field field-invalid" : "field"}
          aria-describedby={errors.posts ? "posts-error" : undefined}
        >
          <legend>What happens to your posts</legend>
          {errors.posts ? (
            <p id="posts-error" className="field-error" role="alert">
              {errors.posts}
            </p>
          ) : null}
          {POSTS_CHOICES.map((choice) => (
            <div key={choice.value} className="radio-option">
              <input
                type="radio"
                id={`posts-${choice.value}`}
                name="posts"
                value={choice.value}
                defaultChecked={chosen === choice.value}
                aria-describedby={`posts-${choice.value}-hint`}
              />{" "}
              <label htmlFor={`posts-${choice.value}`}>{choice.label}</label>
              <p id={`posts-${choice.value}-hint`} className="field-hint">
                {choice.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <CurrentPasswordField id="deleteCurrentPassword" label="Your current password" error={errors.currentPassword} />
        <SubmitButton className="danger" busyLabel="Deleting…">
          Delete my account
        </SubmitButton>
      </Form>
    </section>
  );
}
