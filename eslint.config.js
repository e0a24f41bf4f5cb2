import i18next from "eslint-plugin-i18next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", "data/**", "bench/results/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Routes are thin: they call domain modules and never touch the database directly.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["kysely", "better-sqlite3"], message: "Routes call app/models; SQL lives there." },
            {
              group: ["**/db/client.server*", "~db/client.server*"],
              message: "Routes call app/models, not the db client.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components render; anything server-only stays out of the browser bundle. `import type` is allowed: types
    // vanish at build, so a component names a model's view type instead of copying it.
    files: ["app/components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/*.server", "**/*.server.*"],
              allowTypeImports: true,
              message: "Components never import server modules (only their types, with `import type`).",
            },
          ],
        },
      ],
    },
  },
  {
    // Every word a person reads comes from the catalogs (issue 18): no text written into the markup of pages
    // and components, in their content or in the attributes people read (labels, titles, placeholders).
    files: ["app/routes/**/*.tsx", "app/components/**/*.tsx", "app/root.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": { include: ["aria-label", "title", "placeholder", "alt", "label", "aria-description"] },
        },
      ],
    },
  },
);
