import { Form, useNavigation } from "@remix-run/react";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { MarkdownField } from "~/components/composer/markdown-field";
import { FormError } from "~/components/form-field";

interface ReplyComposerProps {
  parentId: number;
  heading: string;
  defaultBody?: string;
  error?: string;
  /** For the whole form: the server was busy, or the member is past a limit. */
  formError?: string;
  draftId?: number | null;
  autoFocus?: boolean;
  /** The thread, whose members "@" suggests first. */
  threadId?: number;
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
  threadId,
}: ReplyComposerProps) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === `/posts/${parentId}/reply`;
  const id = `reply-body-${parentId}`;
  return (
    <Form
      method="post"
      action={`/posts/${parentId}/reply`}
      className="composer stack"
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`}>{heading}</h2>
      <FormError message={formError} />
      {draftId ? <input type="hidden" name="draftId" value={draftId} /> : null}
      <CommunityRulesNote />
      <MarkdownField
        id={id}
        name="bodySource"
        label="Your reply"
        error={error}
        hint="Markdown works: **bold**, _italic_, > quote, lists and links. Mention someone with @handle."
        defaultValue={defaultBody}
        rows={6}
        required
        threadId={threadId}
        // The reply page exists to write a reply; elsewhere the form waits for the reader.
        autoFocus={autoFocus}
      />
      <div className="button-row">
        <button type="submit" name="intent" value="publish" disabled={busy}>
          Post reply
        </button>
        <button type="submit" name="intent" value="preview" className="secondary">
          Preview
        </button>
        <button type="submit" name="intent" value="save-draft" className="secondary">
          Save draft
        </button>
      </div>
    </Form>
  );
}
