import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { MarkdownField } from "~/components/composer/markdown-field";
import { AttachmentField } from "~/components/composer/attachment-field";
import { StorySectionFields } from "~/components/composer/story-section-fields";
import { Field, FormError } from "~/components/form-field";
import { WithPreview } from "~/components/markdown-preview";
import {
  composeStoryBody,
  readStorySections,
  sectionFieldName,
  sectionTitleKey,
  STORY_SECTIONS,
  type StorySections,
} from "~/lib/story-sections";
import { BODY_MAX, TAGS_MAX, TITLE_MAX, type FieldErrors, type Fields } from "~/lib/validation";
import { TopicCheckboxes } from "~/components/topic-checkboxes";
import type { TopicChoice } from "~/models/topics.server";
import { SubmitButton } from "~/components/submit-button";
import { PostLanguageField } from "~/components/composer/post-language-field";

export interface ThreadComposerValues {
  title: string;
  bodySource: string;
  tagSlugs: string[];
  /** The post's language (an edit); absent: a new post, written in the writer's interface language. */
  language?: string | null;
  /** A story is written in guided sections (stored as one body); other posts have one body field. */
  sections?: StorySections | null;
}

interface ThreadComposerProps {
  values: ThreadComposerValues;
  topics: TopicChoice[];
  errors: FieldErrors;
  draftId: number | null;
  submitLabel: string;
  /** The thread an edit belongs to, whose members "@" suggests first. */
  threadId?: number | null;
  /** New posts can be saved as drafts (and autosaved with JavaScript); edits are saved directly. */
  drafts?: boolean;
  /** More fields inside the form, after the topics (a prompt's "pin" checkbox). */
  extraFields?: ReactNode;
  /** The server's preview (the Preview button), shown beside the body. */
  preview?: string | null;
  /** Pictures and PDFs can be added (the form is sent as multipart); `fields` echoes a picture waiting for its description. */
  attachments?: { fields: Fields | undefined };
}

const AUTOSAVE_MS = 5_000;

/** Title, Markdown body and topics, with Preview and Save draft as ordinary submit buttons. */
export function ThreadComposer({
  values,
  topics,
  errors,
  draftId,
  submitLabel,
  threadId,
  drafts = true,
  extraFields,
  preview = null,
  attachments,
}: ThreadComposerProps) {
  const { t } = useTranslation("composer");
  const chosen = new Set(values.tagSlugs);
  const storyTargets = STORY_SECTIONS.map((section) => ({
    name: sectionFieldName(section.key),
    label: t(sectionTitleKey(section.key)),
  }));
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useFetcher<{ savedDraftId: number | null }>();
  const [currentDraftId, setCurrentDraftId] = useState(draftId);
  const savedId = autosave.data?.savedDraftId ?? null;
  const [dirty, setDirty] = useState(false);
  const submitDraft = useRef(autosave.submit);
  submitDraft.current = autosave.submit;

  useEffect(() => setCurrentDraftId(draftId), [draftId]);
  useEffect(() => {
    if (savedId) setCurrentDraftId(savedId);
  }, [savedId]);

  // With JavaScript, a changed form is saved as a draft every few seconds, so a closed tab loses nothing.
  useEffect(() => {
    if (!drafts || !dirty) return;
    const timer = window.setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      data.set("intent", "save-draft");
      data.delete("attachment"); // a file goes with the form when it is sent, not with every autosave
      submitDraft.current(data, { method: "post" });
      setDirty(false);
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, drafts]);

  return (
    <Form
      method="post"
      encType={attachments ? "multipart/form-data" : undefined}
      noValidate
      className="composer stack"
      ref={formRef}
      onChange={() => setDirty(true)}
    >
      <FormError message={errors.form} />
      {currentDraftId ? <input type="hidden" name="draftId" value={currentDraftId} /> : null}
      <Field
        id="title"
        label={t("threadComposer.title")}
        error={errors.title}
        hint={t("threadComposer.titleHint", { min: 5, max: TITLE_MAX })}
      >
        {(describedBy, invalid) => (
          <input
            id="title"
            name="title"
            defaultValue={values.title}
            required
            maxLength={TITLE_MAX * 2}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <CommunityRulesNote />
      {values.sections ? (
        // The preview shows the story as it will be published: the written sections, joined.
        <WithPreview sourceId={sectionFieldName("context")} html={preview} readSource={storySource}>
          <StorySectionFields sections={values.sections} errors={errors} />
        </WithPreview>
      ) : (
        <WithPreview sourceId="bodySource" html={preview}>
          <MarkdownField
            id="bodySource"
            name="bodySource"
            label={t("threadComposer.body")}
            error={errors.bodySource}
            hint={t("threadComposer.bodyHint", { max: BODY_MAX })}
            defaultValue={values.bodySource}
            rows={16}
            threadId={threadId}
          />
        </WithPreview>
      )}
      {attachments ? (
        <AttachmentField
          fields={attachments.fields}
          errors={errors}
          targets={values.sections ? storyTargets : undefined}
        />
      ) : null}
      <TopicCheckboxes
        name="tagSlugs"
        legend={t("threadComposer.topics")}
        hint={t("threadComposer.topicsHint", { max: TAGS_MAX })}
        error={errors.tagSlugs}
        topics={topics}
        chosen={chosen}
      />
      <PostLanguageField current={values.language} fields={attachments?.fields} errors={errors} />
      {extraFields}
      <div className="button-row">
        <SubmitButton name="intent" value="publish" busyLabel={t("threadComposer.publishing")}>
          {submitLabel}
        </SubmitButton>
        <button type="submit" name="intent" value="preview" className="secondary">
          {t("threadComposer.preview")}
        </button>
        {drafts ? (
          <button type="submit" name="intent" value="save-draft" className="secondary">
            {t("threadComposer.saveDraft")}
          </button>
        ) : null}
      </div>
      {autosave.state === "idle" && savedId ? (
        <p className="muted small" role="status">
          {t("threadComposer.autosaved")}
        </p>
      ) : null}
    </Form>
  );
}

/** A story's Markdown from its section fields, as the server joins them on publish. */
function storySource(form: HTMLFormElement): string {
  return composeStoryBody(readStorySections(new FormData(form)) ?? {});
}
