import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { deleteOwnAccount } from "~/auth/accounts.server";
import { blankSessionCookie, requireViewer } from "~/auth/session.server";
import { describeWait, EXPORTS_PER_HOUR } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DeleteYourAccount, DownloadYourData } from "~/components/settings/account-settings";
import { invalidForm } from "~/lib/http.server";
import { deleteAccountSchema, formFields, parseForm } from "~/lib/validation";
import { countAccountPosts } from "~/models/account-export.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { useTranslation } from "react-i18next";
import { tr } from "~/lib/translate";

// Your data, and leaving (issue 13): download everything as JSON (settings.account.export), or delete the
// account after the password. Decision record 0016.

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("settings:account.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const waitSeconds = Number(new URL(request.url).searchParams.get("exportWait"));
  return json({
    counts: await countAccountPosts(viewer.id),
    exportsPerHour: EXPORTS_PER_HOUR,
    exportWait: Number.isSafeInteger(waitSeconds) && waitSeconds > 0 ? describeWait(waitSeconds) : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  if (formData.get("intent") !== "delete-account")
    throw new Response(tr("settings:index.unknownAction"), { status: 400 });
  const parsed = parseForm(deleteAccountSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await deleteOwnAccount({
    memberId: viewer.id,
    handle: viewer.handle,
    currentPassword: parsed.data.currentPassword,
    posts: parsed.data.posts,
    ip: context.clientIp,
  });
  if (!result.ok)
    return invalidForm({ [result.field]: result.message }, formFields(formData), result.throttled ? 429 : 400);
  return redirectWithFlash("/account-deleted", FLASH.accountDeleted, {
    headers: { "Set-Cookie": blankSessionCookie() },
  });
}

export default function AccountSettingsPage() {
  const { t } = useTranslation("settings");
  const { counts, exportsPerHour, exportWait } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>{t("account.title")}</h1>
      <ErrorSummary
        errors={actionData?.fieldErrors}
        fieldIds={{ currentPassword: "deleteCurrentPassword", posts: "posts-keep" }}
      />
      <p>
        <Link to="/settings">{t("backToSettings")}</Link>
      </p>
      <DownloadYourData exportsPerHour={exportsPerHour} wait={exportWait} />
      <DeleteYourAccount counts={counts} errors={actionData?.fieldErrors ?? {}} fields={actionData?.fields} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
