/** What a post will look like, rendered by the same server pipeline that publishes it. */
export function MarkdownPreview({ html }: { html: string }) {
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      <p className="muted small">This is a preview; nothing is posted yet.</p>
    </section>
  );
}
