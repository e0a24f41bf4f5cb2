import { useEffect, useRef, type ChangeEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { Fields } from "~/lib/validation";
import { fieldValue } from "~/components/form-field";
import { useHydrated } from "~/components/use-hydrated";
import { useUpload } from "./upload-client";
import { UploadPanel } from "./upload-panel";

// "Add a picture or a PDF" in every composer (issue 17). Without JavaScript it is a file field and a
// description sent with the composer's form (multipart): the server adds the file's Markdown to the text
// (models/composer-attachments). A picture sent without a description waits, shown here, until one is given.
// Once JavaScript runs, a chosen file is sent at once (upload-client) into the text last written in (a story's
// section), else the first, and the description is asked beside the field; the no-JavaScript description field
// and "Attach and preview" are then left out, unless a picture sent before is still waiting.

export const ATTACHMENT_ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic,application/pdf";

export interface AttachmentFieldProps {
  fields?: Fields;
  errors: { attachment?: string; attachmentAlt?: string };
  /** A story's sections, to choose which one the file goes into; none for a single text. */
  targets?: ReadonlyArray<{ name: string; label: string }>;
  /** Prefixes the fields' ids where a page has more than one composer. */
  idPrefix?: string;
}

const PENDING = /^([0-9a-f]{64})\.(jpg|png|webp|gif|pdf)$/;

export function AttachmentField({ fields, errors, targets, idPrefix = "" }: AttachmentFieldProps) {
  const { t } = useTranslation("composer");
  const id = (name: string) => `${idPrefix}${name}`;
  const pending = PENDING.exec(fieldValue(fields, "pendingUpload"));
  const fileError = errors.attachment;
  const altError = errors.attachmentAlt;
  const describedBy = [id("attachment-hint"), fileError ? id("attachment-error") : null].filter(Boolean).join(" ");
  const altDescribedBy = [id("attachmentAlt-hint"), altError ? id("attachmentAlt-error") : null]
    .filter(Boolean)
    .join(" ");
  const hydrated = useHydrated();
  const scripted = hydrated && !pending;
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const lastText = useLastFocusedText(fieldset);
  const upload = useUpload();

  function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    const form = event.target.form;
    if (!file || !form) return;
    event.target.value = ""; // sent now, so not again with the form
    const chosen = lastText.current;
    const textarea = chosen ?? form.querySelector<HTMLTextAreaElement>("textarea[data-markdown-field]");
    if (textarea) void upload.start(file, textarea, { atEnd: !chosen });
  }

  return (
    <fieldset className="attachment stack-tight" ref={fieldset}>
      <legend>{t("attachment.legend")}</legend>
      {pending ? (
        <div className="attachment-pending">
          <input type="hidden" name="pendingUpload" value={pending[0]} />
          {pending[2] === "pdf" ? (
            <p>{t("attachment.pdfReady")}</p>
          ) : (
            <img src={`/uploads/${pending[0]}`} alt={t("attachment.pendingAlt")} />
          )}
        </div>
      ) : (
        <div className={fileError ? "field field-invalid" : "field"}>
          <label htmlFor={id("attachment")}>{t("attachment.file")}</label>
          <input
            id={id("attachment")}
            name="attachment"
            type="file"
            accept={ATTACHMENT_ACCEPT}
            aria-describedby={describedBy}
            aria-invalid={Boolean(fileError)}
            ref={fileInput}
            onChange={scripted ? onFileChosen : undefined}
          />
          {fileError ? (
            <p id={id("attachment-error")} className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
      )}
      <p id={id("attachment-hint")} className="field-hint">
        {t("attachment.hint")}
        {hydrated ? ` ${t("attachment.hintDrop")}` : null}
      </p>
      {scripted ? <UploadPanel upload={upload} onCancelled={() => fileInput.current?.focus()} /> : null}
      {scripted ? null : (
        <div className={altError ? "field field-invalid" : "field"}>
          <label htmlFor={id("attachmentAlt")}>{t("attachment.describe")}</label>
          <p id={id("attachmentAlt-hint")} className="field-hint">
            {t("attachment.describeHint")}
          </p>
          <input
            id={id("attachmentAlt")}
            name="attachmentAlt"
            defaultValue={fieldValue(fields, "attachmentAlt")}
            maxLength={300}
            aria-describedby={altDescribedBy}
            aria-invalid={Boolean(altError)}
          />
          {altError ? (
            <p id={id("attachmentAlt-error")} className="field-error" role="alert">
              {altError}
            </p>
          ) : null}
        </div>
      )}
      {targets && targets.length > 1 && !scripted ? (
        <div className="field">
          <label htmlFor={id("attachTo")}>{t("attachment.addTo")}</label>
          <select id={id("attachTo")} name="attachTo" defaultValue={fieldValue(fields, "attachTo") || targets[0]!.name}>
            {targets.map((target) => (
              <option key={target.name} value={target.name}>
                {target.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {scripted ? null : (
        <button type="submit" name="intent" value="preview" className="secondary">
          {t("attachment.attachAndPreview")}
        </button>
      )}
    </fieldset>
  );
}

/** The composer's Markdown textarea focused last (a story has five), tracked on the form around `inside`. */
function useLastFocusedText(inside: RefObject<HTMLElement>) {
  const last = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    const form = inside.current?.closest("form");
    if (!form) return;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLTextAreaElement && event.target.hasAttribute("data-markdown-field"))
        last.current = event.target;
    };
    form.addEventListener("focusin", onFocusIn);
    return () => form.removeEventListener("focusin", onFocusIn);
  }, [inside]);
  return last;
}
