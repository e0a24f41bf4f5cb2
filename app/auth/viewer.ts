import type { Role } from "~db/schema";

export type { Role };

/** The signed-in member as every loader and component sees them (null for a visitor). */
export interface Viewer {
  id: number;
  handle: string;
  displayName: string;
  role: Role;
}
