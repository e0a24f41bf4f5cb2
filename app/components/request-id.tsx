import { createContext, useContext } from "react";

/** The server's id for this request, shown on error pages so a report can be matched with the log. */
export const RequestIdContext = createContext<string | null>(null);

export function useRequestId(): string | null {
  return useContext(RequestIdContext);
}
