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

/**
 * The column a unique violation names, when the engine says: SQLite's message ("table.column"), PostgreSQL's
 * detail ("Key (column)=(value) already exists.").
 */
export function uniqueViolationColumn(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const detail = (error as { detail?: unknown }).detail;
  if (typeof detail === "string") return /^Key \(([a-z_]+)\)/.exec(detail)?.[1];
  return /UNIQUE constraint failed: [a-z_]+\.([a-z_]+)/.exec(error.message)?.[1];
}
