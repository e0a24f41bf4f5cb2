import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Your account is deleted · Roundtable" }];

export default function AccountDeletedPage() {
  return (
    <div className="page narrow">
      <h1>Your account is deleted</h1>
      <p>
        You are signed out, and what you chose is done: your email address, profile and private data are erased, and
        your posts are left under “Former member” or removed. Thank you for what you shared here.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
