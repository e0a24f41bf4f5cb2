import { hashPassword } from "~/auth/password.server";
import type { ApprovalState, Role } from "~db/schema";
import { registerMember } from "~/models/members.server";

let counter = 0;

export const FACTORY_PASSWORD = "correct horse battery staple";
let factoryHash: Promise<string> | undefined;

export interface TestMember {
  id: number;
  handle: string;
  email: string;
  displayName: string;
  password: string;
}

export function buildMember(overrides: Partial<{ handle: string; email: string; displayName: string }> = {}) {
  counter++;
  const handle = overrides.handle ?? `member_${process.pid % 1000}_${counter}`;
  return {
    handle,
    email: overrides.email ?? `${handle}@example.org`,
    displayName: overrides.displayName ?? `Member ${counter}`,
  };
}

const DAY_MS = 86_400_000;

/**
 * A member in the test database; all factory members share one password (hashed once per file). They joined
 * two days ago, past the new-member posting limits (as in tests/e2e/support/members.ts), with their address
 * verified: a test about those limits passes `createdAt: Date.now()`, one about verification `verified: false`.
 */
export async function createMember(
  overrides: Partial<{
    handle: string;
    email: string;
    displayName: string;
    role: Role;
    createdAt: number;
    verified: boolean;
    approvalState: ApprovalState;
  }> = {},
): Promise<TestMember> {
  const fields = buildMember(overrides);
  factoryHash ??= hashPassword(FACTORY_PASSWORD);
  const createdAt = overrides.createdAt ?? Date.now() - 2 * DAY_MS;
  const result = await registerMember({
    ...fields,
    passwordHash: await factoryHash,
    role: overrides.role,
    emailVerifiedAt: overrides.verified === false ? null : createdAt,
    approvalState: overrides.approvalState,
    now: createdAt,
  });
  if (!result.ok) throw new Error(result.message);
  return { id: result.memberId, ...fields, password: FACTORY_PASSWORD };
}
