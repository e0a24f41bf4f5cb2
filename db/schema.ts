import type { Generated } from "kysely";

// The one Database interface. Column names are snake_case as in SQL; models map them to camelCase views.
// Times are integer milliseconds since the epoch; flags are 0/1 integers.

export type Role = "member" | "moderator" | "admin";
export type ThreadKind = "discussion" | "story" | "prompt" | "resource";
export type DraftKind = "discussion" | "story" | "reply";
export type FollowLevel = "following" | "muted" | "stopped";
export type DigestFrequency = "none" | "daily" | "weekly";
/** Whether a member may publish, when the site asks moderators to approve new members (MEMBER_APPROVAL=1). */
export type ApprovalState = "approved" | "waiting" | "declined";
/** What a link sent by email does: confirm the member's address, reset their password, or confirm a new address. */
export type EmailTokenPurpose = "verify" | "reset" | "email-change";
/** Email about replies to a member's posts and mentions of them: a few minutes after, in the digest, or never. */
export type ReplyAlerts = "immediate" | "digest" | "never";
export type MailJobState = "queued" | "sending" | "sent" | "skipped" | "failed" | "uncertain";
export type NotificationKind =
  | "reply"
  | "mention"
  | "topic-thread"
  | "thread-reply"
  | "flag-outcome"
  | "content-hidden"
  | "content-restored"
  | "round-open"
  | "round-reminder"
  | "quoted";
/** Whether a round answer may be quoted in research outputs: with the member's name, without it, or not at all. */
/** Who sees a member in the directory: everyone, signed-in members, or no one (decision 0043). */
export type DirectoryListing = "everyone" | "members" | "nobody";
export type Consent = "named" | "anonymized" | "none";

export interface MembersTable {
  id: Generated<number>;
  handle: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: Generated<Role>;
  organization: Generated<string>;
  location: Generated<string>;
  bio_source: Generated<string>;
  bio_html: Generated<string>;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
  digest_frequency: Generated<DigestFrequency>;
  /** NULL until the member follows the link sent to their address (migration 0008). */
  email_verified_at: number | null;
  approval_state: Generated<ApprovalState>;
  approval_decided_at: number | null;
  reply_alerts: Generated<ReplyAlerts>;
  /** Set when the member deleted their account; the row then holds nothing personal (decision 0016). */
  deleted_at: number | null;
  /** When the member ticked "I have read the community rules" at /join; backfilled to created_at (0014). */
  rules_accepted_at: number | null;
  /** An IANA time zone for dates shown to this member; NULL: the site's (migration 0013). */
  time_zone: string | null;
  /** The interface language the member chose ("en", "es"); NULL: cookie, then Accept-Language (0022). */
  language: string | null;
  /** The place (region list) the member picked; NULL: none (migration 0028). */
  place_id: number | null;
  /** Who sees the member in the directory and "people who work like you" (0028, decision 0043). */
  directory_listing: Generated<DirectoryListing>;
  /** "Ask me about": short lines, one per line (0028). */
  ask_me_about: Generated<string>;
}

/** A place of the region, curated by moderators; one row is "elsewhere" (migration 0028). */
export interface PlacesTable {
  id: Generated<number>;
  name: string;
  sort_key: string;
  elsewhere: Generated<number>;
  created_at: number;
}

export type ResourceType = "training" | "article" | "toolkit" | "network" | "funder" | "other";
export type ResourceCost = "free" | "low-cost" | "paid";

/** What only a resource thread has (migration 0029, docs/decisions/0044). */
export interface ResourcesTable {
  thread_id: number;
  link_url: string | null;
  resource_type: ResourceType;
  audience: Generated<string>;
  cost: ResourceCost;
  language: string;
  checked_at: number | null;
  checked_by: number | null;
}

/** A language a member works in, as a BCP 47 code (migration 0028). */
export interface MemberLanguagesTable {
  member_id: number;
  code: string;
}

/** A link sent by email, stored by the SHA-256 of its token; single use, with an expiry. */
export interface EmailTokensTable {
  id: Generated<number>;
  member_id: number;
  purpose: EmailTokenPurpose;
  token_hash: string;
  new_email: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SessionsTable {
  id: string;
  member_id: number;
  expires_at: number;
  created_at: number;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** The name as lists order it (app/lib/sort-key.ts, migration 0019); always written with the name. */
  sort_key: string;
  description: Generated<string>;
  thread_count: Generated<number>;
  last_activity_at: number | null;
  merged_into_id: number | null;
  created_at: number;
}

export interface MemberFieldsTable {
  member_id: number;
  tag_id: number;
}

export interface ThreadsTable {
  id: Generated<number>;
  kind: ThreadKind;
  title: string;
  slug: string;
  author_id: number;
  created_at: number;
  last_activity_at: number;
  reply_count: Generated<number>;
  helpful_count: Generated<number>;
  pinned_at: number | null;
  featured_at: number | null;
  locked_at: number | null;
  locked_by: number | null;
  lock_reason: string | null;
  hidden_at: number | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  deleted_at: number | null;
  /** The opening post's language (copied, for lists filtered by it); NULL: unknown. */
  language: string | null;
}

export interface ThreadTagsTable {
  thread_id: number;
  tag_id: number;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  parent_id: number | null;
  depth: number;
  path: string;
  body_source: string;
  body_html: string;
  /** Plain text from the start of body_html, for lists; NULL until the backfill reaches a post from before 0009. */
  excerpt: string | null;
  created_at: number;
  edited_at: number | null;
  helpful_count: Generated<number>;
  descendant_count: Generated<number>;
  deleted_at: number | null;
  hidden_at: number | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  /** The language the post is written in, a BCP 47 code (lib/post-language.ts); NULL: unknown (before 0023). */
  language: string | null;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  editor_id: number;
  body_source: string;
  /** The HTML this version had; NULL until the backfill reaches a revision from before 0009. */
  body_html: string | null;
  title: string | null;
  created_at: number;
}

export interface PostReactionsTable {
  post_id: number;
  member_id: number;
  created_at: number;
}

export interface DraftsTable {
  id: Generated<number>;
  member_id: number;
  kind: DraftKind;
  thread_id: number | null;
  parent_post_id: number | null;
  title: Generated<string>;
  body_source: Generated<string>;
  tag_slugs: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface FlagsTable {
  id: Generated<number>;
  post_id: number;
  member_id: number;
  reason: string;
  note: Generated<string>;
  created_at: number;
  resolved_at: number | null;
  resolved_by: number | null;
  outcome: string | null;
}

export interface SuspensionsTable {
  id: Generated<number>;
  member_id: number;
  moderator_id: number;
  reason: string;
  starts_at: number;
  ends_at: number | null;
  lifted_at: number | null;
  lifted_by: number | null;
}

export interface MemberNotesTable {
  id: Generated<number>;
  member_id: number;
  author_id: number;
  body: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number;
  action: string;
  target_type: string;
  target_id: number;
  subject_member_id: number | null;
  reason: Generated<string>;
  before_json: string | null;
  after_json: string | null;
  created_at: number;
}

export interface TopicFollowsTable {
  member_id: number;
  tag_id: number;
  in_digest: Generated<number>;
  created_at: number;
  /** 1: every new thread and reply in the topic comes as its own email (mailing-list mode, 0027). */
  by_email: Generated<number>;
}

export interface ThreadFollowsTable {
  member_id: number;
  thread_id: number;
  level: FollowLevel;
  created_at: number;
  updated_at: number;
}

/** How far a member has read a thread: the newest post they were shown there (docs/decisions/0020). */
export interface ThreadReadsTable {
  member_id: number;
  thread_id: number;
  last_read_post_id: number;
  read_at: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  member_id: number;
  kind: NotificationKind;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  detail: Generated<string>;
  created_at: number;
  read_at: number | null;
}

export interface DigestSendsTable {
  member_id: number;
  period: "daily" | "weekly";
  period_key: string;
  sent_at: number;
}

/** The durable outbox (migration 0010, docs/decisions/0015); only app/models/mail-jobs.server.ts writes it. */
export interface MailJobsTable {
  id: Generated<number>;
  kind: string;
  member_id: number;
  group_key: string;
  payload: Generated<string>;
  dedupe_key: string;
  created_at: number;
  not_before: number;
  state: Generated<MailJobState>;
  attempts: Generated<number>;
  next_attempt_at: number;
  claimed_at: number | null;
  claim_token: string | null;
  handed_at: number | null;
  message_id: string | null;
  sent_at: number | null;
  last_error: string | null;
}

export type InboundMailOutcome = "posted" | "refused" | "ignored";

/** Each inbound email handled, by Message-ID, so a message redelivered is handled once (0025). */
export interface InboundMailTable {
  id: Generated<number>;
  message_id: string;
  received_at: number;
  outcome: InboundMailOutcome;
  reason: string | null;
  member_id: number | null;
  post_id: number | null;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface RoundsTable {
  id: Generated<number>;
  title: string;
  purpose_source: string;
  purpose_html: string;
  opens_at: number;
  closes_at: number;
  answer_first: Generated<number>;
  synthesis_source: string | null;
  synthesis_html: string | null;
  synthesis_published_at: number | null;
  synthesis_thread_id: number | null;
  created_by: number;
  created_at: number;
  opened_notified_at: number | null;
  reminded_at: number | null;
  closed_noted_at: number | null;
  /** 0 when the dates the round ran is not known (the focus group, held before Roundtable; migration 0013). */
  dates_recorded: Generated<number>;
}

export interface RoundPromptsTable {
  round_id: number;
  thread_id: number;
  position: number;
}

export interface RoundTagsTable {
  round_id: number;
  tag_id: number;
}

export interface RoundAnswersTable {
  post_id: number;
  round_id: number;
  thread_id: number;
  member_id: number;
  pseudonym: string | null;
  consent: Consent;
  created_at: number;
  consent_changed_at: number | null;
  /** Set when its author deleted their account: kept for stable participant labels, left out of every output. */
  withdrawn_at: number | null;
}

/** Handles of deleted accounts, kept from anyone else until reserved_until (migration 0011). */
export interface ReservedHandlesTable {
  handle: string;
  reserved_until: number;
  created_at: number;
}

export interface ConsentChangesTable {
  id: Generated<number>;
  post_id: number;
  from_consent: Consent;
  to_consent: Consent;
  changed_at: number;
}

/** A member's saved post (migration 0015); saving a thread saves its opening post. */
export interface BookmarksTable {
  id: Generated<number>;
  member_id: number;
  post_id: number;
  created_at: number;
}

export type UploadPurpose = "post" | "avatar";
export type UploadKind = "image" | "document";

/**
 * A picture or file a member sent, as processed (migration 0021, docs/decisions/0036): served at
 * /uploads/<hash>.<ext>, an image's thumbnail at /uploads/<thumb_hash>.<thumb_ext>. The original bytes are
 * never kept.
 */
export interface UploadsTable {
  id: Generated<number>;
  member_id: number;
  purpose: UploadPurpose;
  kind: UploadKind;
  /** SHA-256 (hex) of the served file. */
  hash: string;
  ext: string;
  byte_size: number;
  /** What the member sent, before processing: what the daily quota counts. */
  received_bytes: number;
  width: number | null;
  height: number | null;
  thumb_hash: string | null;
  thumb_ext: string | null;
  thumb_width: number | null;
  thumb_height: number | null;
  /** The file's name as sent, cleaned: a PDF downloads under it. */
  original_name: string;
  created_at: number;
  /** A moderator removed it: served to no one, its place in posts says so. */
  removed_at: number | null;
  removed_by: number | null;
}

/** The uploads a post's words show, in any of its versions (written when the post is saved). */
export interface PostUploadsTable {
  post_id: number;
  upload_id: number;
}

/**
 * FTS5 table (migrations 0003, 0016); only app/models/search-index.server.ts touches it, and its vocabulary
 * table `search_vocab` (read with raw SQL for "did you mean", so it has no type here).
 */
export interface SearchIndexTable {
  rowid: number;
  title: string;
  body: string;
}

/** A moderator marked the facilitator's list as worked through (migration 0030). */
export interface FacilitationReviewsTable {
  id: Generated<number>;
  moderator_id: number;
  reviewed_at: number;
}

export interface Database {
  members: MembersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  tags: TagsTable;
  member_fields: MemberFieldsTable;
  threads: ThreadsTable;
  thread_tags: ThreadTagsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  post_reactions: PostReactionsTable;
  drafts: DraftsTable;
  flags: FlagsTable;
  suspensions: SuspensionsTable;
  member_notes: MemberNotesTable;
  audit_log: AuditLogTable;
  topic_follows: TopicFollowsTable;
  thread_follows: ThreadFollowsTable;
  thread_reads: ThreadReadsTable;
  notifications: NotificationsTable;
  digest_sends: DigestSendsTable;
  mail_jobs: MailJobsTable;
  inbound_mail: InboundMailTable;
  app_secrets: AppSecretsTable;
  rounds: RoundsTable;
  round_prompts: RoundPromptsTable;
  round_tags: RoundTagsTable;
  round_answers: RoundAnswersTable;
  consent_changes: ConsentChangesTable;
  reserved_handles: ReservedHandlesTable;
  bookmarks: BookmarksTable;
  search_index: SearchIndexTable;
  uploads: UploadsTable;
  post_uploads: PostUploadsTable;
  facilitation_reviews: FacilitationReviewsTable;
  places: PlacesTable;
  member_languages: MemberLanguagesTable;
  resources: ResourcesTable;
}
