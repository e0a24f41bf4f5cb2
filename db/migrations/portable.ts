import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

// The few places where one migration list needs each engine's own DDL (docs/decisions/0017). Everything
// else in a migration is Kysely's schema builder, which both engines read the same way.
//
// Times are milliseconds since the epoch in `bigint` columns: SQLite stores any integer in them, and
// PostgreSQL's 4-byte `integer` would overflow in 1970 + 25 days.

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The primary key of a table whose ids the database assigns: SQLite's AUTOINCREMENT, PostgreSQL's identity. */
export function generatedId(db: Kysely<any>) {
  const postgres = isPostgres(db);
  return (column: ColumnDefinitionBuilder) =>
    postgres ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();
}

/**
 * A text column compared byte by byte (materialized paths, see app/models/post-path.ts): SQLite's default
 * BINARY collation; PostgreSQL's "C", whatever the database's locale would otherwise sort by.
 */
export function byteOrdered(db: Kysely<any>) {
  const postgres = isPostgres(db);
  return (column: ColumnDefinitionBuilder) => (postgres ? column.modifyFront(sql`collate "C"`) : column);
}
