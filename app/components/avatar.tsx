import { avatarTone, initialsOf } from "~/lib/avatar";

/**
 * The member's profile picture, or their initials in a coloured circle; hidden from screen readers either way,
 * as the name is always written beside it.
 */
export function Avatar({ name, seed, pictureUrl }: { name: string; seed: string; pictureUrl?: string | null }) {
  if (pictureUrl)
    return <img className="avatar avatar-picture" src={pictureUrl} alt="" width={40} height={40} loading="lazy" />;
  return (
    <span className={`avatar avatar-tone-${avatarTone(seed)}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
