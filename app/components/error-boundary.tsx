import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useRequestId } from "./request-id";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Something in the address or the form was not right." },
  403: { title: "You can't do that", body: "Your account does not have permission for this page or action." },
  404: { title: "We couldn't find that page", body: "It may have moved, or the address may be mistyped." },
  413: { title: "That was too large", body: "The form you sent was over our size limit." },
  429: {
    title: "Slow down a little",
    body: "You've done that many times in a short while. Please wait and try again.",
  },
};

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
