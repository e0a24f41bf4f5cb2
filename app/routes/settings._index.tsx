import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { changePassword } from "~/auth/accounts.server";
import { endAllSessions, requireViewer, startSession } from "~/auth/session.server";
import { CurrentPasswordField, Field } from "~/components/form-field";
import { invalidForm } from "~/lib/http.server";
import { changePasswordSchema, parseForm, timeZoneSchema } from "~/lib/validation";
import { listTimeZones } from "~/lib/format";
import { i18nFor, isLanguage, LANGUAGE_NAMES, LANGUAGES, languageOfMatches } from "~/lib/i18n";
import { languageCookieFor } from "~/lib/language.server";
import { inLanguage } from "~/lib/request-language.server";
import { tr } from "~/lib/translate";
import { countActiveSessions } from "~/models/members.server";
import { getMemberLanguage, setMemberLanguage } from "~/models/member-language.server";
import { getChosenTimeZone, setMemberTimeZone } from "~/models/member-time-zone.server";
import { siteTimeZone } from "~/lib/time-zone.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("settings:index.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const [sessionCount, timeZone, language] = await Promise.all([
    countActiveSessions(viewer.id),
    getChosenTimeZone(viewer.id),
    getMemberLanguage(viewer.id),
  ]);
  return json({ sessionCount, timeZone, siteTimeZone: siteTimeZone(), language });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "sign-out-everywhere") {
    // End every session, this one included, then start a fresh one here so the member stays signed in.
    await endAllSessions(viewer.id);
    return redirectWithFlash("/settings", FLASH.signedOutElsewhere, {
      headers: { "Set-Cookie": await startSession(viewer.id) },
    });
  }
  if (intent === "language") {
    // "" is no choice: the language switch's cookie, then the browser's languages, decide again.
    const chosen = formData.get("language");
    if (chosen !== "" && !isLanguage(chosen)) return invalidForm({ language: tr("settings:language.unknown") }, {});
    const language = chosen === "" ? null : chosen;
    await setMemberLanguage({ memberId: viewer.id, language });
    // Said in the language the next page is in, and kept in the cookie for when the member logs out.
    const saved = language
      ? inLanguage(() => tr("settings:language.saved"), language)
      : tr("settings:language.cleared");
    return redirectWithFlash(
      "/settings",
      saved,
      language ? { headers: { "Set-Cookie": await languageCookieFor(language) } } : {},
    );
  }
  if (intent === "time-zone") {
    const parsed = parseForm(timeZoneSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, {});
    const result = await setMemberTimeZone(viewer.id, parsed.data.timeZone);
    if (!result.ok) return invalidForm({ [result.field]: result.message }, {});
    return redirectWithFlash("/settings", FLASH.timeZoneSaved);
  }
  if (intent === "change-password") {
    const parsed = parseForm(changePasswordSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, {});
    const result = await changePassword({
      memberId: viewer.id,
      handle: viewer.handle,
      keepSessionId: context.sessionId,
      ip: context.clientIp,
      ...parsed.data,
    });
    if (!result.ok) return invalidForm({ [result.field]: result.message }, {}, result.throttled ? 429 : 400);
    return redirectWithFlash("/settings", FLASH.passwordChanged);
  }
  throw new Response(tr("settings:index.unknownAction"), { status: 400 });
}

export default function SettingsPage() {
  const { t } = useTranslation("settings");
  const { sessionCount, timeZone, siteTimeZone, language } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("index.title")}</h1>
      <ErrorSummary errors={useActionData<typeof action>()?.fieldErrors} />
      <ul className="link-list">
        <li>
          <Trans t={t} i18nKey="index.profileLink" components={{ go: <Link to="/settings/profile" /> }} />
        </li>
        <li>
          <Trans t={t} i18nKey="index.emailLink" components={{ go: <Link to="/settings/email" /> }} />
        </li>
        <li>
          <Trans t={t} i18nKey="index.notificationsLink" components={{ go: <Link to="/settings/notifications" /> }} />
        </li>
        <li>
          <Trans
            t={t}
            i18nKey="index.yourThings"
            components={{ drafts: <Link to="/drafts" />, saved: <Link to="/saved" />, flags: <Link to="/flags" /> }}
          />
        </li>
        <li>
          <Trans t={t} i18nKey="index.accountLink" components={{ go: <Link to="/settings/account" /> }} />
        </li>
      </ul>
      <section aria-labelledby="language-heading">
        <h2 id="language-heading">{t("language.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="language" />
          <Field id="language" label={t("language.label")} error={errors.language} hint={t("language.hint")}>
            {(describedBy, invalid) => (
              <select
                id="language"
                name="language"
                defaultValue={language ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">{t("language.automatic")}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {LANGUAGE_NAMES[code]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton busyLabel={t("language.saving")}>{t("language.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading">{t("timeZone.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="time-zone" />
          <Field id="timeZone" label={t("timeZone.label")} error={errors.timeZone} hint={t("timeZone.hint")}>
            {(describedBy, invalid) => (
              <select
                id="timeZone"
                name="timeZone"
                defaultValue={timeZone ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">{t("timeZone.siteZone", { zone: siteTimeZone.replace(/_/g, " ") })}</option>
                {listTimeZones().map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton busyLabel={t("timeZone.saving")}>{t("timeZone.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <CurrentPasswordField label={t("password.current")} error={errors.currentPassword} />
          <Field id="newPassword" label={t("password.new")} error={errors.newPassword} hint={t("password.hint")}>
            {(describedBy, invalid) => (
              <input
                id="newPassword"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <SubmitButton busyLabel={t("password.saving")}>{t("password.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("sessions.heading")}</h2>
        <p>{t("sessions.count", { count: sessionCount })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <SubmitButton busyLabel={t("sessions.saving")}>{t("sessions.signOut")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
