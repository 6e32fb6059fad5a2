// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, without type information (the
// type-checked set takes twice as long and reports ~900 findings, mostly `any` from untyped SDKs in tests).
// No stylistic rules and no formatter (CONTRIBUTING.md, Checks).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
  ].map((g) => [g, 'readonly']),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-artifacts/**', '.vscode-test/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `import x = require('x')` is TypeScript's typed CommonJS import (src/extension.ts needs it for `vscode`).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // A leading underscore marks a parameter kept for the signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The build and harness scripts are plain CommonJS run by Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...node, module: 'writable', exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['eslint.config.mjs'], languageOptions: { globals: node } },
);
