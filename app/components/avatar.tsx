import { avatarTone, initialsOf } from "~/lib/avatar";

/** Initials in a coloured circle; aria-hidden, as the name is always written beside it. */
export function Avatar({ name, seed }: { name: string; seed: string }) {
  return (
    <span className={`avatar avatar-tone-${avatarTone(seed)}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
