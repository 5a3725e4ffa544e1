// ESLint (flat config). Besides the usual rules it enforces the layering of ARCHITECTURE.md:
// pure cores import no framework, the client never imports server code (types excepted), and
// routes go through lib/server rather than Prisma.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const framework = ["react", "react-dom", "next", "next/*", "next-auth", "next-auth/*", "@prisma/*", "@tiptap/*", "zustand", "zustand/*"];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      "@next/next/no-html-link-for-pages": "off",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["lib/markup/**", "lib/outline/**", "lib/formats/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: framework, message: "Pure cores (markup, outline, formats) import no framework." },
            { group: ["**/server/**", "**/db/**", "**/store/**", "@/components/**"], message: "Pure cores import nothing outside lib/ cores." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**", "lib/store/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "**/lib/server/*", "../server/*"], allowTypeImports: true, message: "Client code imports only types from lib/server." },
            { group: ["@/lib/db/*", "**/lib/db/*", "../db/*", "@prisma/*"], message: "Client code never touches the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@prisma/*", "@/lib/db/generated/*", "**/db/generated/*"], message: "Routes call lib/server, never Prisma directly." }] },
      ],
    },
  },
);
