import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/submit-button";

/** The topic page's "by email" choice (mailing-list mode, issue 20): every new post as its own email. */
export function TopicEmailFollow({ slug, byEmail }: { slug: string; byEmail: boolean }) {
  const { t } = useTranslation("mail");
  return (
    <Form method="post" action={`/topics/${slug}/email`} className="inline-form">
      <input type="hidden" name="intent" value={byEmail ? "off" : "on"} />
      <SubmitButton busyLabel={t("list.follow.busy")} className="secondary small-button">
        {byEmail ? t("list.follow.off") : t("list.follow.on")}
      </SubmitButton>{" "}
      <span className="muted small">{byEmail ? t("list.follow.onNote") : t("list.follow.offNote")}</span>
    </Form>
  );
}
