import { useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Flash } from "~/lib/flash.server";

/**
 * What the last action did, at the top of main. The live region is always there (empty without a message) so
 * that a screen reader announces a message that arrives after a client-side navigation. The message belongs to
 * the page it arrived with: it goes away at the next navigation, or when dismissed. Without JavaScript,
 * "Dismiss" reloads the page, which no longer has the message (its cookie was cleared when it was shown).
 */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const [arrival, setArrival] = useState({ id: flash?.id, locationKey: location.key });
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (flash && flash.id !== arrival.id) setArrival({ id: flash.id, locationKey: location.key });
  const leftItsPage = flash !== null && flash.id === arrival.id && arrival.locationKey !== location.key;
  // Gone for good once the reader moved on: going back to that page does not bring it back.
  useEffect(() => {
    if (leftItsPage) setDismissed(flash.id);
  }, [leftItsPage, flash]);
  const visible =
    flash !== null && flash.id === arrival.id && arrival.locationKey === location.key && dismissed !== flash.id;
  return (
    <div className="flash" role="status">
      {visible ? (
        <div className="flash-message">
          <p>{flash.message}</p>
          <a
            className="flash-dismiss"
            href={location.pathname + location.search}
            onClick={(event) => {
              event.preventDefault();
              setDismissed(flash.id);
            }}
          >
            {t("flash.dismiss")}
            <span className="visually-hidden"> {t("flash.dismissHidden")}</span>
          </a>
        </div>
      ) : null}
    </div>
  );
}
