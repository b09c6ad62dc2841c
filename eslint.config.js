// One ESLint configuration for the workspace: type-aware TypeScript rules, import boundaries that
// keep the dependency flow one-way (shared ← api, shared ← web; web features never import each
// other), React hooks and accessibility (jsx-a11y) rules for the web app, and Prettier owning formatting.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { readdirSync } from "node:fs";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import transactionClient from "./packages/eslint-rules/transaction-client.js";

/** One zone per web feature: it may import itself, never another feature. */
const webFeatures = readdirSync(new URL("./apps/web/src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/generated/**",
      "**/test-results/**",
      "**/playwright-report/**",
      ".data/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { "import-x": importX },
    rules: {
      // Fastify plugins and handlers are async by contract, with or without an await.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Numbers read naturally in messages ("session ${n}"); anything else must be made a string on purpose.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(false)}` is the React idiom; a void value used anywhere else is still an error.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./packages/shared",
              from: ["./apps", "./packages/migration-tools"],
              message: "shared imports nothing of ours",
            },
            {
              target: "./apps/web",
              from: "./apps/api",
              message: "the web app talks to the API over HTTP only",
            },
            { target: "./apps/api", from: "./apps/web", message: "the API never imports the web app" },
            ...webFeatures.map((feature) => ({
              target: `./apps/web/src/features/${feature}`,
              from: "./apps/web/src/features",
              except: [`./${feature}`],
              message: "web features do not import each other; compose them in src/app",
            })),
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "it", property: "only", message: "No focused tests." },
        { object: "describe", property: "only", message: "No focused tests." },
        { object: "test", property: "only", message: "No focused tests." },
      ],
    },
    // The rules above need imports resolved to files (TypeScript sources by their .ts/.tsx names).
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs"] })],
    },
  },
  {
    // Inside `$transaction(async (tx) => …)` only `tx`: the outer client would write outside it. A
    // service's `run` is a TransactionRunner (src/db/transactions.ts): its callback is one too.
    files: ["apps/api/**/*.ts"],
    plugins: { ipt: { rules: { "transaction-client": transactionClient } } },
    rules: { "ipt/transaction-client": ["error", { calls: ["$transaction", "run"] }] },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Screens are checked with axe in the browser; this catches what can be seen in the source.
    ...jsxA11y.flatConfigs.recommended,
    files: ["apps/web/src/**/*.tsx"],
  },
  {
    // A test states what it expects first (`expect(row).toBeDefined()`), then reads it with `!`.
    files: ["**/*.test.{ts,tsx}", "apps/web/e2e/**", "apps/api/test/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
