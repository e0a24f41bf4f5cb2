import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { Peer, PeerWriting } from "~/models/peers.server";
import { RelativeTime } from "~/components/reader-time";

/** On a member's home page: a few people who work like them, with what each wrote lately. */
export function HomePeers({ peers }: { peers: Array<{ peer: Peer; latest: PeerWriting | null }> | null }) {
  const { t } = useTranslation("directory");
  if (!peers)
    return (
      <nav className="home-network" aria-label={t("home.networkLabel")}>
        <Link to="/members">{t("home.browse")}</Link> · <Link to="/shelf">{t("home.shelf")}</Link>
      </nav>
    );
  return (
    <section aria-labelledby="home-peers-heading" className="home-peers">
      <h2 id="home-peers-heading">{t("home.heading")}</h2>
      {peers.length ? (
        <ul className="plain-list stack-tight">
          {peers.map(({ peer, latest }) => (
            <li key={peer.id}>
              <Link to={`/members/${peer.handle}`}>{peer.displayName}</Link>
              {peer.organization ? <span className="muted"> · {peer.organization}</span> : null}
              {latest ? (
                <p className="small">
                  <Trans
                    t={t}
                    i18nKey="home.wroteIn"
                    values={{ title: latest.thread.title }}
                    components={{ post: <Link to={`/posts/${latest.postId}`} /> }}
                  />{" "}
                  <RelativeTime ms={latest.createdAt} className="muted" />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">
          <Trans t={t} i18nKey="home.empty" components={{ profile: <Link to="/settings/profile" /> }} />
        </p>
      )}
      <p>
        <Link to="/members">{t("home.browse")}</Link> · <Link to="/shelf">{t("home.shelf")}</Link>
      </p>
    </section>
  );
}
