import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Field, FormError } from "~/components/form-field";
import { BODY_MAX, TAGS_MAX, TITLE_MAX, type FieldErrors } from "~/lib/validation";
import { TopicCheckboxes } from "~/components/topic-checkboxes";
import type { TopicChoice } from "~/models/topics.server";
import { SubmitButton } from "~/components/submit-button";

export interface ThreadComposerValues {
  title: string;
  bodySource: string;
  tagSlugs: string[];
}

interface ThreadComposerProps {
  values: ThreadComposerValues;
  topics: TopicChoice[];
  errors: FieldErrors;
  draftId: number | null;
  submitLabel: string;
  /** Story composers can put the template back or clear it; edits never need it. */
  templateControls?: boolean;
  /** New posts can be saved as drafts (and autosaved with JavaScript); edits are saved directly. */
  drafts?: boolean;
  /** More fields inside the form, after the topics (a prompt's "pin" checkbox). */
  extraFields?: ReactNode;
}

const AUTOSAVE_MS = 5_000;

/** Title, Markdown body and topics, with Preview and Save draft as ordinary submit buttons. */
export function ThreadComposer({
  values,
  topics,
  errors,
  draftId,
  submitLabel,
  templateControls,
  drafts = true,
  extraFields,
}: ThreadComposerProps) {
  const chosen = new Set(values.tagSlugs);
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
      submitDraft.current(data, { method: "post" });
      setDirty(false);
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, drafts]);

  return (
    <Form method="post" noValidate className="composer stack" ref={formRef} onChange={() => setDirty(true)}>
      <FormError message={errors.form} />
      {currentDraftId ? <input type="hidden" name="draftId" value={currentDraftId} /> : null}
      <Field id="title" label="Title" error={errors.title} hint={`5 to ${TITLE_MAX} characters.`}>
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
      <Field
        id="bodySource"
        label="Body"
        error={errors.bodySource}
        hint={`Markdown works: ### headings, **bold**, lists, > quotes and links. Up to ${BODY_MAX.toLocaleString("en-US")} characters.`}
      >
        {(describedBy, invalid) => (
          <textarea
            id="bodySource"
            name="bodySource"
            rows={16}
            defaultValue={values.bodySource}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {templateControls ? (
        <div className="button-row">
          <button type="submit" name="intent" value="clear-template" className="secondary small-button">
            Clear the body
          </button>
          <button type="submit" name="intent" value="use-template" className="secondary small-button">
            Start from the story template
          </button>
        </div>
      ) : null}
      <TopicCheckboxes
        name="tagSlugs"
        legend="Topics"
        hint={`Choose 1 to ${TAGS_MAX}, so people who follow them find your post.`}
        error={errors.tagSlugs}
        topics={topics}
        chosen={chosen}
      />
      {extraFields}
      <div className="button-row">
        <SubmitButton name="intent" value="publish" busyLabel="Publishing…">
          {submitLabel}
        </SubmitButton>
        <button type="submit" name="intent" value="preview" className="secondary">
          Preview
        </button>
        {drafts ? (
          <button type="submit" name="intent" value="save-draft" className="secondary">
            Save draft
          </button>
        ) : null}
      </div>
      {autosave.state === "idle" && savedId ? (
        <p className="muted small" role="status">
          Draft saved automatically.
        </p>
      ) : null}
    </Form>
  );
}
