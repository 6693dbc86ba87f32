// ESLint: type-checked typescript-eslint rules and import boundaries (cycles: dependency-cruiser).
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const NODE_IO = [
  "node:fs",
  "node:fs/promises",
  "node:child_process",
  "node:net",
  "node:http",
  "node:https",
  "node:os",
  "better-sqlite3",
  "kysely",
  "pg",
];
const ioBan = (extra = []) => ({
  "no-restricted-imports": [
    "error",
    {
      paths: NODE_IO.map((name) => ({ name, message: "this folder is pure: no I/O" })),
      patterns: extra,
    },
  ],
});

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", ".bench/", "ui/dist/", "bench/peers/**/node_modules/"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // Rethrowing what user code threw (an unknown) is legitimate.
      "@typescript-eslint/only-throw-error": ["error", { allowThrowingUnknown: true }],
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts", "examples/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      // Tasks are async functions by contract, awaited or not.
      "@typescript-eslint/require-await": "off",
    },
  },
  { files: ["src/states/**/*.ts", "src/schemas/**/*.ts", "src/schedules/**/*.ts"], rules: ioBan() },
  {
    files: ["src/engine/**/*.ts", "src/sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["better-sqlite3", "kysely", "pg"].map((name) => ({
            name,
            message: "the engine sees only OrdoClient",
          })),
          patterns: [
            {
              group: ["**/store/**", "**/server/**", "**/api/**"],
              message: "the engine sees only OrdoClient",
            },
          ],
        },
      ],
    },
  },
  {
    // The web UI: React's rules of hooks (that it imports no server code: dependency-cruiser).
    files: ["ui/**/*.ts", "ui/**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ["ui/test/**/*.ts", "ui/test/**/*.tsx", "test/e2e/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked] },
);
