import { Form, useNavigation, type FetcherWithComponents } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { AttachmentField } from "~/components/composer/attachment-field";
import { PostLanguageField } from "~/components/composer/post-language-field";
import { MarkdownField } from "~/components/composer/markdown-field";
import type { Fields } from "~/lib/validation";
import { FormError } from "~/components/form-field";
import { WithPreview } from "~/components/markdown-preview";
import { replyFormPath } from "~/lib/post-links";

interface ReplyComposerProps {
  parentId: number;
  heading: string;
  defaultBody?: string;
  error?: string;
  /** For the whole form: the server was busy, or the member is past a limit. */
  formError?: string;
  draftId?: number | null;
  autoFocus?: boolean;
  /** The server's preview (the Preview button), shown beside the text. */
  preview?: string | null;
  /** Opened in place under a post: sent through this fetcher (no navigation until the reply is posted). */
  fetcher?: FetcherWithComponents<unknown>;
  /** In place: closes the composer (Cancel, or Escape in the form). */
  onCancel?: () => void;
  /** The thread, whose members "@" suggests first. */
  threadId?: number;
  /** A picture or PDF sent with the reply: a picture waiting for its description, and messages about the file. */
  attachment?: { fields?: Fields; errors: { attachment?: string; attachmentAlt?: string } };
}

/** The reply form: publish, preview (a round trip, so it works without JavaScript) or save a draft. */
export function ReplyComposer({
  parentId,
  heading,
  defaultBody = "",
  error,
  formError,
  draftId,
  autoFocus,
  preview = null,
  fetcher,
  onCancel,
  threadId,
  attachment,
}: ReplyComposerProps) {
  const { t } = useTranslation("threads");
  const navigation = useNavigation();
  const action = replyFormPath(parentId);
  const busy = fetcher
    ? fetcher.state === "submitting"
    : navigation.state === "submitting" && navigation.formAction === action;
  // Two composers may answer the same post (the page's own at the bottom, one opened in place): ids differ.
  const id = fetcher ? `reply-in-place-body-${parentId}` : `reply-body-${parentId}`;
  const FormComponent = fetcher ? fetcher.Form : Form;
  return (
    <FormComponent
      method="post"
      action={action}
      encType="multipart/form-data"
      className="composer stack"
      aria-labelledby={`${id}-heading`}
      onKeyDown={
        onCancel
          ? (event) => {
              // Something inside that used Escape itself (a suggestion list closing) marks it handled.
              if (event.key === "Escape" && !event.defaultPrevented) {
                event.preventDefault();
                onCancel();
              }
            }
          : undefined
      }
    >
      <h2 id={`${id}-heading`}>{heading}</h2>
      <FormError message={formError} />
      {draftId ? <input type="hidden" name="draftId" value={draftId} /> : null}
      <CommunityRulesNote />
      <WithPreview sourceId={id} html={preview} headingLevel={3}>
        <MarkdownField
          id={id}
          name="bodySource"
          label={t("replyComposer.label")}
          error={error}
          hint={t("replyComposer.hint")}
          defaultValue={defaultBody}
          rows={6}
          required
          threadId={threadId}
          // The reply page exists to write a reply, and so does a composer just opened in place; elsewhere the
          // form waits for the reader.
          autoFocus={autoFocus}
        />
      </WithPreview>
      <AttachmentField fields={attachment?.fields} errors={attachment?.errors ?? {}} idPrefix={`${id}-`} />
      <PostLanguageField fields={attachment?.fields} errors={attachment?.errors} idPrefix={`${id}-`} />
      <div className="button-row">
        <button type="submit" name="intent" value="publish" disabled={busy}>
          {t("replyComposer.post")}
        </button>
        <button type="submit" name="intent" value="preview" className="secondary">
          {t("replyComposer.preview")}
        </button>
        <button type="submit" name="intent" value="save-draft" className="secondary">
          {t("replyComposer.saveDraft")}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("replyComposer.cancel")}
          </button>
        ) : null}
      </div>
    </FormComponent>
  );
}
