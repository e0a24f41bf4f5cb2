import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { invalidForm } from "~/lib/http.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { BIO_MAX, formFields, parseForm, profileSchema, type FieldErrors } from "~/lib/validation";
import { getProfileForm, updateProfile } from "~/models/members.server";
import { readUploadForm } from "~/lib/upload-form.server";
import { UploadRefusedError } from "~/lib/upload-processing.server";
import { changeProfilePicture, profilePicture, removeProfilePicture } from "~/models/uploads.server";
import { ATTACHMENT_ACCEPT } from "~/components/composer/attachment-field";
import { Avatar } from "~/components/avatar";
import { memberAvatarSeed } from "~/lib/avatar";
import { listTopicChoices } from "~/models/topics.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { TopicCheckboxes } from "~/components/topic-checkboxes";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { formatNumber } from "~/lib/format";
import { useTranslation } from "react-i18next";
import { ProfileDirectoryFields } from "~/components/directory/profile-directory-fields";
import {
  loadDirectoryProfileForm,
  readDirectoryFields,
  updateDirectoryProfile,
} from "~/models/directory-profile.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("settings:profile.title") }) }];
};

const PICTURE_FIELD = "picture";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const [profile, topics, picture] = await Promise.all([
    getProfileForm(viewer.id),
    listTopicChoices(),
    profilePicture(viewer.id),
  ]);
  return json({
    profile,
    topics,
    memberId: viewer.id,
    handle: viewer.handle,
    pictureUrl: picture?.thumbnailUrl ?? null,
    directory: await loadDirectoryProfileForm(viewer.id),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The profile edited is always the signed-in member's own: no id in the form can point elsewhere.
  const viewer = requireViewer(request, context);
  const { formData, files, refused } = await readUploadForm(request, [PICTURE_FIELD]);
  const parsed = parseForm(profileSchema, formData, ["fieldSlugs"]);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const directory = readDirectoryFields(formData);
  if (directory && !directory.success) return invalidForm(directory.fieldErrors, directory.fields);
  // The picture first: refused, it is said next to its field and nothing else is saved.
  const pictureRefused = refused.get(PICTURE_FIELD);
  if (pictureRefused) return pictureProblem(pictureRefused, formData);
  const picture = files.get(PICTURE_FIELD);
  try {
    if (picture) await changeProfilePicture(viewer.id, picture);
    else if (formData.get("removePicture") === "yes") await removeProfilePicture(viewer.id);
  } catch (error) {
    if (!(error instanceof UploadRefusedError)) throw error;
    return pictureProblem(error, formData);
  }
  try {
    const result = await updateProfile(viewer.id, parsed.data);
    if (!result.ok)
      return invalidForm({ [result.field]: result.message }, formFields(formData), result.field === "form" ? 403 : 400);
    const saved = directory ? await updateDirectoryProfile(viewer.id, directory.data) : { ok: true as const };
    if (!saved.ok) return invalidForm({ [saved.field]: saved.message }, formFields(formData));
  } catch (error) {
    const refused = writeRefusal(error, "bioSource");
    if (!refused) throw error;
    return json({ fieldErrors: refused.fieldErrors, fields: formFields(formData) }, { status: refused.status });
  }
  return redirectWithFlash(`/members/${viewer.handle}`, FLASH.profileSaved);
}

function pictureProblem(error: UploadRefusedError, formData: FormData) {
  const fieldErrors: FieldErrors = { [PICTURE_FIELD]: error.message };
  return json({ fieldErrors, fields: formFields(formData) }, { status: error.status });
}

export default function ProfileSettingsPage() {
  const { t, i18n } = useTranslation("settings");
  const { profile, topics, memberId, pictureUrl, directory } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const chosen = new Set(fields ? ([] as string[]).concat(fields.fieldSlugs ?? []) : profile.fieldSlugs);
  return (
    <div className="page narrow">
      <h1>{t("profile.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} fieldIds={{ fieldSlugs: "fieldSlugs" }} />
      <Form method="post" encType="multipart/form-data" noValidate className="stack">
        <FormError message={errors.form} />
        <Field id="displayName" label={t("profile.displayName")} error={errors.displayName}>
          {(describedBy, invalid) => (
            <input
              id="displayName"
              name="displayName"
              required
              defaultValue={fieldValue(fields, "displayName", profile.displayName)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="organization" label={t("profile.organization")} error={errors.organization}>
          {(describedBy, invalid) => (
            <input
              id="organization"
              name="organization"
              autoComplete="organization"
              defaultValue={fieldValue(fields, "organization", profile.organization)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="location" label={t("profile.location")} error={errors.location} hint={t("profile.locationHint")}>
          {(describedBy, invalid) => (
            <input
              id="location"
              name="location"
              defaultValue={fieldValue(fields, "location", profile.location)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <TopicCheckboxes
          name="fieldSlugs"
          legend={t("profile.fields")}
          error={errors.fieldSlugs}
          topics={topics}
          chosen={chosen}
        />
        <Field
          id="bioSource"
          label={t("profile.bio")}
          error={errors.bioSource}
          hint={t("profile.bioHint", { max: formatNumber(BIO_MAX, i18n.language) })}
        >
          {(describedBy, invalid) => (
            <textarea
              id="bioSource"
              name="bioSource"
              rows={8}
              defaultValue={fieldValue(fields, "bioSource", profile.bioSource)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <fieldset className="attachment stack-tight">
          <legend>{t("profile.picture")}</legend>
          <div className="profile-picture-current">
            <Avatar name={profile.displayName} seed={memberAvatarSeed(memberId)} pictureUrl={pictureUrl} />
            <span>{pictureUrl ? t("profile.pictureCurrent") : t("profile.pictureNone")}</span>
          </div>
          <Field
            id={PICTURE_FIELD}
            label={pictureUrl ? t("profile.pictureChange") : t("profile.pictureAdd")}
            error={errors[PICTURE_FIELD]}
            hint={t("profile.pictureHint")}
          >
            {(describedBy, invalid) => (
              <input
                id={PICTURE_FIELD}
                name={PICTURE_FIELD}
                type="file"
                accept={ATTACHMENT_ACCEPT.replace(",application/pdf", "")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          {pictureUrl ? (
            <label className="radio-option">
              <input type="checkbox" name="removePicture" value="yes" /> {t("profile.pictureRemove")}
            </label>
          ) : null}
        </fieldset>
        <ProfileDirectoryFields {...directory} errors={errors} fields={fields} />
        <SubmitButton busyLabel={t("profile.saving")}>{t("profile.save")}</SubmitButton>
      </Form>
    </div>
  );
}
