import { isRouteErrorResponse, Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { errorStatusKey } from "~/lib/error-pages";
import { useRequestId } from "./request-id";

/** One error page for every route: a message per status, never a stack trace. */
export function GeneralErrorBoundary({ error }: { error: unknown }) {
  const { t } = useTranslation("errors");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorStatusKey(status);
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  const requestId = useRequestId();
  const showReference = !isRouteErrorResponse(error) || status >= 500;
  return (
    <div className="page narrow error-page">
      <h1>{t(`status.${key}.title`)}</h1>
      <p>{detail || t(`status.${key}.body`)}</p>
      {showReference && requestId ? (
        // Rendered on the server only; the browser keeps the server's text.
        <p className="muted" suppressHydrationWarning>
          {t("reference", { id: requestId })}
        </p>
      ) : null}
      <p>
        <Trans t={t} i18nKey="whereNext" components={{ home: <Link to="/" />, topics: <Link to="/topics" /> }} />
      </p>
    </div>
  );
}
