import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Upload } from "./upload-client";

// What an upload shows beside the place it started (a Markdown field, the attachment field): a labelled progress
// bar while the file is sent, then, for a picture, its description asked inline; errors as alerts. Rendered only
// once JavaScript runs. Its status line is always there, so a screen reader hears each change.

export function UploadPanel({ upload, onCancelled }: { upload: Upload; onCancelled: () => void }) {
  const { t } = useTranslation("composer");
  const id = useId();
  const { state } = upload;
  return (
    <div className="upload-panel">
      <p className="visually-hidden" role="status">
        {state.phase === "sending"
          ? t("upload.sendingStatus", { name: state.fileName })
          : state.phase === "describing"
            ? t("upload.describeStatus", { name: state.fileName })
            : state.phase === "idle"
              ? state.announcement
              : ""}
      </p>
      {state.phase === "sending" ? (
        <div className="upload-progress">
          <label htmlFor={`${id}-progress`}>
            {state.fraction === null
              ? t("upload.preparing", { name: state.fileName })
              : t("upload.sending", { name: state.fileName })}
          </label>
          <progress id={`${id}-progress`} max={1} value={state.fraction ?? undefined} />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              upload.cancel();
              onCancelled();
            }}
          >
            {t("upload.stop")}
          </button>
        </div>
      ) : null}
      {state.phase === "describing" ? (
        <DescriptionPrompt
          id={`${id}-description`}
          url={state.url}
          problem={state.problem}
          onInsert={upload.describe}
          onCancel={() => {
            upload.cancel();
            onCancelled();
          }}
        />
      ) : null}
      {state.phase === "failed" ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

function DescriptionPrompt({
  id,
  url,
  problem,
  onInsert,
  onCancel,
}: {
  id: string;
  url: string;
  problem: string | null;
  onInsert: (description: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("composer");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter would send the composer's form; Escape would close a composer opened in place.
    if (event.key === "Enter") {
      event.preventDefault();
      onInsert(input.current?.value ?? "");
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  }

  const describedBy = problem ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <div className={problem ? "upload-describe field field-invalid" : "upload-describe field"}>
      <img src={url} alt="" className="upload-thumbnail" />
      <label htmlFor={id}>{t("attachment.describe")}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t("upload.describeHint")}
      </p>
      <div className="upload-describe-row">
        <input
          ref={input}
          id={id}
          maxLength={300}
          aria-describedby={describedBy}
          aria-invalid={Boolean(problem)}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={() => onInsert(input.current?.value ?? "")}>
          {t("upload.insert")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("upload.cancel")}
        </button>
      </div>
      {problem ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
