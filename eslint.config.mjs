// Lint: the recommended rules of ESLint and typescript-eslint, plus React hooks in the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Modules core/ must never import: it runs outside Electron and without a DOM. */
const CORE_FORBIDDEN = [
  { name: 'electron', message: 'core/ is pure TypeScript: no Electron (it runs in the worker, the server, the CLI and tests).' },
  { name: 'react', message: 'core/ has no UI.' },
  { name: 'react-dom', message: 'core/ has no UI.' },
  { name: 'plotly.js-dist-min', message: 'core/ describes charts (core/analyses/chart.ts); Plotly draws them in a browser.' },
];
/** Browser globals core/ must not touch. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'].map((name) => ({ name, message: 'core/ runs without a DOM.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'assets/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Layers. core/ is pure TypeScript that runs in Electron's worker, the server, the CLI and tests.
  {
    files: ['core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: CORE_FORBIDDEN, patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'core/ never imports the app shell or the screens.' }] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  // Analyses get typed columns and return JSON: they never reach for the engine or the report.
  {
    files: ['core/analyses/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: CORE_FORBIDDEN,
          patterns: [
            { group: ['**/renderer/**', '**/electron/**'], message: 'core/ never imports the app shell or the screens.' },
            { group: ['**/engine', '**/engine/**', '**/report', '**/report/**', '**/workspace/**', '**/cli/**'], message: 'An analysis is pure: typed columns in, JSON out (see core/analyses/README.md).' },
          ],
        },
      ],
    },
  },
  // The screens talk to the engine through the API client only; from core/ they take the API's
  // types, the client and pure formatting (types of results are allowed as types).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            // performance/at-threshold: the slider's pure count arithmetic, so a threshold move never calls the engine.
            {
              regex: '(^|/)core/(?!api/|transport/(transport|http-client)$|format/|data/column$|analyses/[^/]+/types$|analyses/performance/at-threshold$)',
              message: 'The renderer imports from core/ only the API (types, errors), the client and pure formatting.',
            },
            { regex: '(^|/)core/analyses/[^/]+/types$', allowTypeImports: true, message: 'Result types only, as `import type`.' },
          ],
        },
      ],
    },
  },
);
