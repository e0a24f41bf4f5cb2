import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The moderation home's card for the directory's places. */
export function PlacesModCard() {
  const { t } = useTranslation("directory");
  return (
    <li className="card">
      <h2 className="card-title">
        <Link to="/mod/places">{t("places.cardTitle")}</Link>
      </h2>
      <p>{t("places.cardText")}</p>
    </li>
  );
}
