// What an <input type="date"> sends: "YYYY-MM-DD". Read as midnight UTC, like every date we show (lib/format).

export const DAY_MS = 86_400_000;

/** Midnight UTC of a "YYYY-MM-DD" date, or null for anything else (including days that don't exist). */
export function parseDateInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms;
}

/** The "YYYY-MM-DD" of a time, for an input's min or value. */
export function dateInputValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
