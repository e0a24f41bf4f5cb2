// What a failed statement means, whichever engine raised it; models ask here, never read an engine's wording.

/**
 * True when `error` is a unique (or primary key) violation on `table`: SQLite's SQLITE_CONSTRAINT_UNIQUE /
 * _PRIMARYKEY ("UNIQUE constraint failed: table.column"), PostgreSQL's SQLSTATE 23505 (with the table named).
 */
export function isUniqueViolation(error: unknown, table: string): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (code === "23505") return (error as { table?: unknown }).table === table;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY")
    return error.message.includes(`: ${table}.`);
  return false;
}
