import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ABOUT_PAGE_MARKDOWN } from "~/content/about";
import { renderMarkdown } from "~/lib/markdown.server";

export const meta: MetaFunction = () => [{ title: "About Roundtable" }];

let aboutHtml: string | undefined;

export async function loader() {
  aboutHtml ??= renderMarkdown(ABOUT_PAGE_MARKDOWN);
  return json({ html: aboutHtml });
}

export default function AboutPage() {
  const { html } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>About Roundtable</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
