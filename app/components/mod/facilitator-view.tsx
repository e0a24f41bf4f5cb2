import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { RelativeTime } from "~/components/reader-time";
import { SubmitButton } from "~/components/submit-button";
import { replyFormPath } from "~/lib/post-links";
import type { FacilitationList, FacilitationView } from "~/models/facilitation.server";

// The facilitator's view (issue 19): five short lists, each item with the link to act on it. A list that is
// longer than the page shows says how many more there are.

type View = FacilitationView;

export function FacilitatorView({ view, formError }: { view: View; formError?: string }) {
  const { t } = useTranslation("facilitate");
  return (
    <div className="page narrow mod-page facilitate-page">
      <p className="muted">
        <Link to="/mod">{t("moderation")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lede">{t("lede")}</p>
      <div className="facilitate-review">
        <p>
          {view.lastReview ? (
            <Trans
              t={t}
              i18nKey="lastReview"
              values={{ name: view.lastReview.moderatorName }}
              components={{ time: <RelativeTime ms={view.lastReview.at} /> }}
            />
          ) : (
            t("neverReviewed")
          )}
        </p>
        <Form method="post">
          <FormError message={formError} />
          <input type="hidden" name="intent" value="reviewed" />
          <SubmitButton busyLabel={t("markingReviewed")}>{t("markReviewed")}</SubmitButton>
        </Form>
      </div>

      <Section
        id="first-posts"
        heading={t("firstPosts.heading")}
        hint={t("firstPosts.hint")}
        list={view.unansweredFirstPosts}
      >
        {(item) => (
          <>
            <p className="facilitate-item-title">
              {t(item.opensThread ? "firstPosts.opensThread" : "firstPosts.replies", {
                name: item.author.displayName,
                title: item.threadTitle,
              })}
            </p>
            {item.excerpt ? <p className="facilitate-excerpt">{item.excerpt}</p> : null}
            <p className="muted">
              <Trans
                t={t}
                i18nKey="firstPosts.joined"
                components={{ time: <RelativeTime ms={item.author.joinedAt} /> }}
              />
              {" · "}
              <Trans t={t} i18nKey="firstPosts.posted" components={{ time: <RelativeTime ms={item.createdAt} /> }} />
            </p>
            <p className="facilitate-actions">
              <Link to={replyFormPath(item.postId)}>{t("firstPosts.reply", { name: item.author.displayName })}</Link>
              {" · "}
              <Link to={`/posts/${item.postId}`}>{t("readInContext")}</Link>
            </p>
          </>
        )}
      </Section>

      <Section
        id="questions"
        heading={t("questions.heading")}
        hint={t("questions.hint")}
        list={view.unansweredQuestions}
      >
        {(item) => (
          <>
            <p className="facilitate-item-title">
              <Link to={`/threads/${item.threadId}/${item.slug}`}>{item.title}</Link>
            </p>
            <p className="muted">
              <Trans
                t={t}
                i18nKey="questions.by"
                values={{ name: item.author.displayName }}
                components={{ time: <RelativeTime ms={item.createdAt} /> }}
              />
            </p>
            <p className="facilitate-actions">
              <Link to={`/threads/${item.threadId}/${item.slug}#reply`}>{t("questions.answer")}</Link>
            </p>
          </>
        )}
      </Section>

      <Section
        id="silent-members"
        heading={t("silentMembers.heading")}
        hint={t("silentMembers.hint")}
        list={view.silentMembers}
      >
        {(item) => (
          <>
            <p className="facilitate-item-title">
              <Link to={`/members/${item.handle}`}>{item.displayName}</Link> @{item.handle}
            </p>
            <p className="muted">
              <Trans t={t} i18nKey="silentMembers.joined" components={{ time: <RelativeTime ms={item.joinedAt} /> }} />
            </p>
            <p className="facilitate-actions">
              <Link to={`/members/${item.handle}`}>{t("silentMembers.welcome", { name: item.displayName })}</Link>
            </p>
          </>
        )}
      </Section>

      <Section
        id="quiet-prompts"
        heading={t("quietPrompts.heading")}
        hint={t("quietPrompts.hint", { count: view.fewAnswers })}
        list={view.quietPrompts}
      >
        {(item) => (
          <>
            <p className="facilitate-item-title">
              <Link to={`/threads/${item.threadId}/${item.slug}`}>{item.title}</Link>
            </p>
            <p className="muted">
              {t("quietPrompts.answers", { count: item.answers })}
              {item.round ? (
                <>
                  {" · "}
                  <Trans
                    t={t}
                    i18nKey="quietPrompts.inRound"
                    values={{ round: item.round.title }}
                    components={{ time: <RelativeTime ms={item.round.closesAt} /> }}
                  />
                </>
              ) : null}
            </p>
            <p className="facilitate-actions">
              <Link to={`/threads/${item.threadId}/${item.slug}`}>{t("quietPrompts.nudge")}</Link>
              {item.round ? (
                <>
                  {" · "}
                  <Link to={`/rounds/${item.round.id}`}>{t("quietPrompts.openRound")}</Link>
                </>
              ) : null}
            </p>
          </>
        )}
      </Section>

      <Section
        id="quiet-topics"
        heading={t("quietTopics.heading")}
        hint={t("quietTopics.hint")}
        list={view.quietTopics}
      >
        {(item) => (
          <>
            <p className="facilitate-item-title">
              <Link to={`/topics/${item.slug}`}>{item.name}</Link>
            </p>
            <p className="muted">
              {t("quietTopics.threads", { count: item.threadCount })}
              {" · "}
              {item.lastActivityAt === null ? (
                t("quietTopics.neverActive")
              ) : (
                <Trans
                  t={t}
                  i18nKey="quietTopics.lastActive"
                  components={{ time: <RelativeTime ms={item.lastActivityAt} /> }}
                />
              )}
            </p>
            <p className="facilitate-actions">
              <Link to={`/topics/${item.slug}`}>{t("quietTopics.open", { name: item.name })}</Link>
            </p>
          </>
        )}
      </Section>
    </div>
  );
}

function Section<T>({
  id,
  heading,
  hint,
  list,
  children,
}: {
  id: string;
  heading: string;
  hint: string;
  list: FacilitationList<T>;
  children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation("facilitate");
  const headingId = `${id}-heading`;
  const rest = list.total - list.items.length;
  return (
    <section className="facilitate-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {heading} <span className="count-badge">{t("count", { count: list.total, more: list.more ? "+" : "" })}</span>
      </h2>
      <p className="muted">{hint}</p>
      {list.items.length === 0 ? (
        <p>{t("nothing")}</p>
      ) : (
        <ul className="card-list">
          {list.items.map((item, index) => (
            <li key={index} className="card">
              {children(item)}
            </li>
          ))}
        </ul>
      )}
      {rest > 0 ? <p className="muted">{t("andMore", { count: rest })}</p> : null}
    </section>
  );
}
