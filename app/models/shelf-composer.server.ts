import type { Executor } from "~db/client.server";
import { resourceSchema } from "~/lib/shelf";
import { tr } from "~/lib/translate";
import { parseForm } from "~/lib/validation";
import { insertResourceRow } from "./shelf.server";

// What /resources/new adds to the thread composer (thread-composer.server): the resource's fields, judged with
// the form, and its row, written inside createThread's transaction (docs/decisions/0044).

// A file attached by the composer's attachment field: a link to a served document in the body.
const ATTACHED_DOCUMENT = /\]\(\/uploads\/[0-9a-f]{64}\.pdf\)/;

export function readResourceForm(formData: FormData) {
  const parsed = parseForm(resourceSchema, formData);
  if (!parsed.success) return parsed;
  const input = parsed.data;
  return {
    success: true as const,
    /** The write of the resource's row, or a field error when it has neither a link nor a file. */
    insert(bodySource: string) {
      if (!input.linkUrl && !ATTACHED_DOCUMENT.test(bodySource))
        return { fieldErrors: { linkUrl: tr("shelf:form.linkOrFile") } };
      return (trx: Executor, threadId: number) => insertResourceRow(trx, threadId, input);
    },
  };
}
