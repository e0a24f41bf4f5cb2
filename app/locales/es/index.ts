// Every Spanish catalog, one namespace per file (app/lib/i18n.ts lists the namespaces).
import common from "./common.json";
import errors from "./errors.json";
import forms from "./forms.json";
import threads from "./threads.json";
import composer from "./composer.json";
import browse from "./browse.json";
import account from "./account.json";
import settings from "./settings.json";
import email from "./email.json";
import moderation from "./moderation.json";
import rounds from "./rounds.json";
import seed from "./seed.json";
import languages from "./languages.json";
import mail from "./mail.json";
import directory from "./directory.json";
import shelf from "./shelf.json";
import facilitate from "./facilitate.json";

export default {
  common,
  errors,
  forms,
  threads,
  composer,
  browse,
  account,
  settings,
  email,
  moderation,
  rounds,
  seed,
  languages,
  mail,
  directory,
  shelf,
  facilitate,
};
