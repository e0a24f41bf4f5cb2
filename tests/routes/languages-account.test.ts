// Accounts, settings, profiles and account emails in Spanish (issue 18): the pages over real HTTP against the
// built server with the `lang` cookie or ?lang=es (headings, buttons, a form's error in Spanish, no catalog key
// shown as text), the English pages unchanged; the language setting (a no-JS form on the settings page) and
// the switch in the header's menu; a password reset asked from a Spanish page is emailed in Spanish.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { decodeWords } from "../setup/eml";
import { waitForEmailTo } from "../setup/outbox";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "../security/support";

let server: RunningServer;
let outbox: string;
let member: TestMember;
let memberCookie: string;
let spanish: string;

beforeAll(async () => {
  member = await createMember({ displayName: "Lupe Ortiz" });
  memberCookie = await sessionCookieFor(member.id);
  outbox = join(process.env.DATABASE_PATH!, "..", "lang-account-outbox");
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox } });
  const answer = await httpRequest(server, "/language", { method: "POST", form: { language: "es", redirectTo: "/" } });
  spanish = [answer.headers["set-cookie"] ?? []]
    .flat()
    .find((c) => c.startsWith("lang="))!
    .split(";")[0]!;
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const get = (path: string, cookie?: string) => httpRequest(server, path, { cookie });
const post = (path: string, form: Record<string, string>, cookie?: string) =>
  httpRequest(server, path, { method: "POST", form, cookie });
const cookies = (...parts: Array<string | undefined>) => parts.filter(Boolean).join("; ");
const htmlLang = (answer: RawAnswer) => /<html lang="([^"]*)"/.exec(answer.body)?.[1];
const memberLanguage = async () =>
  (await getDb().selectFrom("members").select("language").where("id", "=", member.id).executeTakeFirstOrThrow())
    .language;

/** No key of these namespaces, and no bare catalog path, in place of words. */
function expectNoKeys(answer: RawAnswer) {
  expect(answer.body).not.toMatch(/\b(account|settings|email):[a-z]/);
  expect(answer.body).not.toMatch(
    />\s*(join|login|forgot|reset|verify|member|index|language|profile|notifications)\.[a-z]\w*\s*</,
  );
}

describe("account pages in Spanish", () => {
  it("log in: headings, fields and the refusal of a wrong password in Spanish; English unchanged", async () => {
    const page = await get("/login?lang=es");
    expect(page.status).toBe(200);
    expect(htmlLang(page)).toBe("es");
    expect(page.body).toContain("<h1>Iniciar sesión</h1>");
    expect(page.body).toContain("Nombre de usuario o correo");
    expect(page.body).toContain("¿Olvidaste tu contraseña?");
    expectNoKeys(page);

    const refused = await post("/login", { login: member.handle, password: "not the password at all" }, spanish);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("El nombre de usuario o correo y la contraseña no coinciden con ninguna cuenta.");
    expectNoKeys(refused);

    const english = await get("/login");
    expect(english.body).toContain("<h1>Log in</h1>");
    expect(english.body).toContain("Forgot your password?");
    expect(english.body).not.toContain("Iniciar sesión</h1>");
  });

  it("join: the form and a taken handle said in Spanish", async () => {
    const page = await get("/join", spanish);
    expect(page.body).toContain("<h1>Únete a Roundtable</h1>");
    expect(page.body).toContain("Nombre de usuario");
    // A sentence with a link inside is one key, its link around the right words.
    expect(page.body).toMatch(/¿Ya tienes cuenta\? <a [^>]*href="\/login"[^>]*>Inicia sesión<\/a>\./);
    expectNoKeys(page);
    const taken = await post(
      "/join",
      {
        handle: member.handle,
        displayName: "Otra Persona",
        email: "otra-persona@example.org",
        password: "una mesa de cocina grande",
        rulesAccepted: "on",
      },
      spanish,
    );
    expect(taken.status).toBe(400);
    expect(taken.body).toContain("Ese nombre de usuario ya está en uso. Prueba otro.");
    expectNoKeys(taken);
  });

  it("a password reset asked from a Spanish page: the answer and the email in Spanish, from an English page in English", async () => {
    const asked = await post("/forgot-password?lang=es", { login: member.email });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain("Si hay una cuenta con esos datos, enviamos un enlace a su correo.");
    expectNoKeys(asked);
    const [mail] = await waitForEmailTo(member.email, 1, outbox);
    expect(decodeWords(mail!.subject)).toBe("Cambia tu contraseña de Roundtable");
    expect(mail!.text).toContain("Hola, Lupe Ortiz:");
    expect(mail!.text).toContain(`Alguien pidió cambiar la contraseña de tu cuenta de Roundtable @${member.handle}.`);
    expect(mail!.text).toContain("Elegir una contraseña nueva:");
    expect(mail!.html).toContain('<html lang="es">');
    expect(mail!.text).not.toMatch(/\bemail:/);

    const other = await createMember({ displayName: "Ellen Park" });
    await post("/forgot-password", { login: other.email });
    const [english] = await waitForEmailTo(other.email, 1, outbox);
    expect(english!.subject).toBe("Reset your Roundtable password");
    expect(english!.text).toContain("Hello Ellen Park,");
    expect(english!.html).toContain('<html lang="en">');

    // The link opens a Spanish page for a Spanish reader.
    const link = new URL(/https?:\/\/\S+\/reset-password\/\S+/.exec(mail!.text)![0]);
    const reset = await get(link.pathname, spanish);
    expect(reset.body).toContain("Elige una contraseña nueva");
    expectNoKeys(reset);
  });

  it("joining from a Spanish page: the confirmation email is in Spanish, and its link's page too", async () => {
    const joined = await post(
      "/join",
      {
        handle: "nueva_promotora",
        displayName: "Nueva Promotora",
        email: "nueva-promotora@example.org",
        password: "una mesa de cocina grande",
        rulesAccepted: "on",
      },
      spanish,
    );
    expect(joined.status).toBe(302);
    const [mail] = await waitForEmailTo("nueva-promotora@example.org", 1, outbox);
    expect(decodeWords(mail!.subject)).toBe("Confirma tu correo electrónico para Roundtable");
    expect(mail!.text).toContain("Hola, Nueva Promotora:");
    expect(mail!.text).toContain(
      "Para empezar a publicar como @nueva_promotora, confirma que este es tu correo electrónico.",
    );
    expect(mail!.text).toContain("El enlace sirve por 24 horas.");
    expect(mail!.html).toContain("O copia esta dirección en tu navegador:");
    const link = new URL(/https?:\/\/\S+\/verify-email\/\S+/.exec(mail!.text)![0]);
    const page = await get(link.pathname, spanish);
    expect(page.body).toContain("Confirma que este correo es tuyo:");
    expect(page.body).toContain("Confirmar mi correo");
    expectNoKeys(page);
  });

  it("a member's profile in Spanish", async () => {
    const page = await get(`/members/${member.handle}?lang=es`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Actividad");
    expect(page.body).toContain("Se unió");
    expect(page.body).toContain("Lupe Ortiz todavía no tiene historias.");
    expectNoKeys(page);
    const missing = await get("/members/nobody_here_at_all?lang=es");
    expect(missing.status).toBe(404);
  });
});

describe("settings in Spanish, and the language setting", () => {
  it("every settings page has its Spanish words and no key names; the English page is unchanged", async () => {
    const cookie = cookies(memberCookie, spanish);
    const expected: Record<string, string[]> = {
      "/settings": ["<h1>Configuración</h1>", "Idioma", "Zona horaria", "Cambia tu contraseña"],
      "/settings/email": ["Correo electrónico", "Cambia tu correo", "Enviar un enlace al correo nuevo"],
      "/settings/notifications": ["Correos y seguimiento", "Resumen por correo", "Semanal"],
      "/settings/profile": ["<h1>Tu perfil</h1>", "Áreas de trabajo", "Guardar perfil"],
      "/settings/account": ["Tus datos y tu cuenta", "Descarga tus datos", "Eliminar mi cuenta"],
    };
    for (const [path, words] of Object.entries(expected)) {
      const page = await get(path, cookie);
      expect(page.status, path).toBe(200);
      for (const word of words) expect(page.body, path).toContain(word);
      expectNoKeys(page);
    }
    const english = await get("/settings", memberCookie);
    expect(english.body).toContain("<h1>Settings</h1>");
    expect(english.body).toContain("Change your password");
    expect(english.body).not.toContain("Configuración");
  });

  it("a field error from a settings form is in Spanish", async () => {
    const refused = await post(
      "/settings",
      { intent: "change-password", currentPassword: "not it at all, no", newPassword: "a long enough new one" },
      cookies(memberCookie, spanish),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Esa no es tu contraseña actual.");
    expectNoKeys(refused);
  });

  it("the Language field saves the member's choice without JavaScript, and 'Automatic' clears it", async () => {
    const form = await get("/settings", memberCookie);
    expect(form.body).toMatch(/<select id="language" name="language"/);
    expect(form.body).toContain('<option value="es" lang="es">Español</option>');

    const saved = await post("/settings", { intent: "language", language: "es" }, memberCookie);
    expect(saved.status).toBe(302);
    expect(saved.headers.location).toBe("/settings");
    expect(await memberLanguage()).toBe("es");
    // The member's setting alone (no lang cookie sent) puts the next page in Spanish, with the flash in Spanish.
    const flash = [saved.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]!);
    const after = await get("/settings", cookies(memberCookie, ...flash.filter((c) => !c.startsWith("lang="))));
    expect(htmlLang(after)).toBe("es");
    expect(after.body).toContain("Tu idioma quedó guardado.");

    const refused = await post("/settings", { intent: "language", language: "xx" }, memberCookie);
    expect(refused.status).toBe(400);
    expect(await memberLanguage()).toBe("es");

    const cleared = await post("/settings", { intent: "language", language: "" }, memberCookie);
    expect(cleared.status).toBe(302);
    expect(await memberLanguage()).toBeNull();
    expect(htmlLang(await get("/settings", memberCookie))).toBe("en");
  });

  it("the header's menu has the language switch too, as a plain form", async () => {
    const page = await get("/topics", spanish);
    const menu = /<div class="site-menu-panel">([\s\S]*?)<\/details>/.exec(page.body)?.[1] ?? "";
    expect(menu).toMatch(/<form method="post" action="\/language\?redirectTo=%2Ftopics" class="language-switch">/);
    expect(menu).toMatch(/<button type="submit" name="language" value="en" lang="en"[^>]*>English<\/button>/);
  });
});

describe("the unsubscribe page", () => {
  it("speaks the language its link names", async () => {
    const page = await get("/unsubscribe?m=1&t=nope&lang=es");
    expect(page.status).toBe(400);
    expect(page.body).toContain("Correos de resumen");
    expect(page.body).toContain("Este enlace para cancelar la suscripción no es válido.");
    expectNoKeys(page);
  });
});
