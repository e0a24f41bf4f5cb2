import { isRouteErrorResponse, Link } from "@remix-run/react";
import { ERROR_MESSAGES as MESSAGES } from "~/lib/error-pages";
import { useRequestId } from "./request-id";

/** One error page for every route: a message per status, never a stack trace. */
export function GeneralErrorBoundary({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status];
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  const requestId = useRequestId();
  const showReference = !isRouteErrorResponse(error) || status >= 500;
  return (
    <div className="page narrow error-page">
      <h1>{known?.title ?? "Something went wrong on our side"}</h1>
      <p>{detail || known?.body || "We've logged the problem. Please try again in a moment."}</p>
      {showReference && requestId ? (
        // Rendered on the server only; the browser keeps the server's text.
        <p className="muted" suppressHydrationWarning>
          Reference: {requestId}
        </p>
      ) : null}
      <p>
        <Link to="/">Go to the home page</Link> or <Link to="/topics">browse topics</Link>.
      </p>
    </div>
  );
}
