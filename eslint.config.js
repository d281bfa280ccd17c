// Lint for the front end (browser ES modules), its unit tests and the end-to-end tests (node).
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['node_modules/**', 'target/**', 'ui/vendor/**', 'src-tauri/gen/**', 'src-tauri/target/**', 'artifacts/**'],
  },
  js.configs.recommended,
  {
    files: ['ui/src/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      // User text reaches markup only through lib/html.js; nothing else may set it directly.
      'no-restricted-properties': ['error',
        { property: 'outerHTML', message: 'Use render(el, html`...`) from lib/html.js.' },
        { property: 'insertAdjacentHTML', message: 'Use render(el, html`...`) from lib/html.js.' },
      ],
      'no-restricted-syntax': ['error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Use render(el, html`...`) from lib/html.js; only it may assign innerHTML.',
        },
        {
          selector: "MemberExpression[object.name='window'][property.name='__TAURI__']",
          message: 'Only ui/src/api.js talks to Tauri.',
        },
        {
          selector: "MemberExpression[property.name=/^(localStorage|sessionStorage|indexedDB)$/]",
          message: 'Nothing from the vault may be kept in browser storage.',
        },
      ],
      'no-restricted-globals': ['error',
        ...['localStorage', 'sessionStorage', 'indexedDB', 'caches'].map((name) => ({
          name, message: 'Nothing from the vault may be kept in browser storage.',
        })),
      ],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    files: ['ui/boot.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The two files allowed to do what the rules above forbid elsewhere.
    files: ['ui/src/lib/html.js', 'ui/src/api.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['ui/tests/**/*.js', 'tests/e2e/**/*.js', 'tests/e2e/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
];
