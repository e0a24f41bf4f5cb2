import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_moderation";
import * as m0003 from "./0003_search";
import * as m0004 from "./0004_following";
import * as m0005 from "./0005_secrets";
import * as m0006 from "./0006_rounds";
import * as m0007 from "./0007_posts_created_idx";
import * as m0008 from "./0008_accounts";
import * as m0009 from "./0009_rendered_revisions";
import * as m0010 from "./0010_mail_jobs";
import * as m0011 from "./0011_account_deletion";
import * as m0012 from "./0012_thread_reads";
import * as m0013 from "./0013_member_time_zone";
import * as m0014 from "./0014_rules_accepted";
import * as m0015 from "./0015_bookmarks";
import * as m0016 from "./0016_search_stemming";
import * as m0017 from "./0017_change_notifications";
import * as m0018 from "./0018_shared_rate_limits";
import * as m0019 from "./0019_sort_keys";
import * as m0020 from "./0020_thread_list_indexes";
import * as m0021 from "./0021_uploads";
import * as m0022 from "./0022_member_language";
import * as m0023 from "./0023_post_language";
import * as m0025 from "./0025_inbound_mail";
import * as m0026 from "./0026_unread_notifications_idx";
import * as m0027 from "./0027_topic_mail";
import * as m0028 from "./0028_member_directory";
import * as m0029 from "./0029_shelf";
import * as m0030 from "./0030_facilitation_reviews";

// Listed statically (not read from the file system) so the bundled server and the tsx scripts share them.
const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_moderation": m0002,
  "0003_search": m0003,
  "0004_following": m0004,
  "0005_secrets": m0005,
  "0006_rounds": m0006,
  "0007_posts_created_idx": m0007,
  "0008_accounts": m0008,
  "0009_rendered_revisions": m0009,
  "0010_mail_jobs": m0010,
  "0011_account_deletion": m0011,
  "0012_thread_reads": m0012,
  "0013_member_time_zone": m0013,
  "0014_rules_accepted": m0014,
  "0015_bookmarks": m0015,
  "0016_search_stemming": m0016,
  "0017_change_notifications": m0017,
  "0018_shared_rate_limits": m0018,
  "0019_sort_keys": m0019,
  "0020_thread_list_indexes": m0020,
  "0021_uploads": m0021,
  "0022_member_language": m0022,
  "0023_post_language": m0023,
  "0025_inbound_mail": m0025,
  "0026_unread_notifications_idx": m0026,
  "0027_topic_mail": m0027,
  "0028_member_directory": m0028,
  "0029_shelf": m0029,
  "0030_facilitation_reviews": m0030,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
