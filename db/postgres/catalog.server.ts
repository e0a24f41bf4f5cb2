import { type Kysely, sql } from "kysely";

// What a tool needs to know about a PostgreSQL database's tables, read from its own catalog rather than
// listed by hand, so a new migration's table is copied and checked without anyone remembering to add it
// (npm run db:copy, db/copy.server.ts).

export interface TableShape {
  name: string;
  /** Every stored column in declaration order (generated columns left out: PostgreSQL computes them). */
  columns: ColumnShape[];
  /** The primary key's columns in key order. */
  primaryKey: string[];
  /** Columns with a foreign key to this same table (tags.merged_into_id): they may point to a later row. */
  selfReferences: string[];
  /** Tables this one has a foreign key to (itself left out). */
  references: string[];
  /** The identity column, whose sequence must move past the ids a copy brings. */
  identity: string | null;
}

export interface ColumnShape {
  name: string;
  /** PostgreSQL's data_type: "integer", "bigint", "text", "character varying", ... */
  type: string;
}

/** The base tables in the public schema, with their columns, keys and references. */
export async function readTableShapes(db: Kysely<any>): Promise<TableShape[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
    SELECT c.table_name, c.column_name, c.data_type, c.is_identity
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT cl.relname AS table_name, a.attname AS column_name
    FROM pg_constraint co
    JOIN pg_class cl ON cl.oid = co.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    CROSS JOIN LATERAL unnest(co.conkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum
    WHERE co.contype = 'p' AND n.nspname = 'public'
    ORDER BY cl.relname, k.position`.execute(db);
  const foreign = await sql<{ table_name: string; referenced: string; column_name: string }>`
    SELECT cl.relname AS table_name, ref.relname AS referenced, a.attname AS column_name
    FROM pg_constraint co
    JOIN pg_class cl ON cl.oid = co.conrelid
    JOIN pg_class ref ON ref.oid = co.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    CROSS JOIN LATERAL unnest(co.conkey) AS k(attnum)
    JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum
    WHERE co.contype = 'f' AND n.nspname = 'public'`.execute(db);

  const shapes = new Map<string, TableShape>();
  for (const c of columns.rows) {
    let shape = shapes.get(c.table_name);
    if (!shape) {
      shape = { name: c.table_name, columns: [], primaryKey: [], selfReferences: [], references: [], identity: null };
      shapes.set(c.table_name, shape);
    }
    shape.columns.push({ name: c.column_name, type: c.data_type });
    if (c.is_identity === "YES") shape.identity = c.column_name;
  }
  for (const k of keys.rows) shapes.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const f of foreign.rows) {
    const shape = shapes.get(f.table_name);
    if (!shape) continue;
    if (f.referenced === f.table_name) shape.selfReferences.push(f.column_name);
    else if (!shape.references.includes(f.referenced)) shape.references.push(f.referenced);
  }
  return [...shapes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The tables in an order where each comes after every table it references (self-references aside), so rows
 * can be inserted with every foreign key checked as it goes. Throws on a cycle between tables.
 */
export function inForeignKeyOrder(tables: TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableShape[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: TableShape, path: string[]) => {
    if (state.get(table.name) === "done") return;
    if (state.get(table.name) === "visiting")
      throw new Error(`Foreign keys form a cycle: ${[...path, table.name].join(" -> ")}`);
    state.set(table.name, "visiting");
    for (const name of table.references) {
      const referenced = byName.get(name);
      if (referenced) visit(referenced, [...path, table.name]);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** The tables (of those given) that hold at least one row. */
export async function tablesWithRows(db: Kysely<any>, tables: string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{
      filled: boolean;
    }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS filled`.execute(db);
    if (rows[0]?.filled) filled.push(table);
  }
  return filled;
}

/** Moves an identity column's sequence past the highest id, so the next insert gets a fresh one. */
export async function advanceIdentity(db: Kysely<any>, table: string, column: string): Promise<void> {
  // An empty table: is_called false, so the next id is 1 itself.
  await sql`
    SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 1),
      max(${sql.ref(column)}) IS NOT NULL)
    FROM ${sql.table(table)}`.execute(db);
}
