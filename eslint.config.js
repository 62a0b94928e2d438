// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Pure cores must not reach the outside world: the toolkit, octokit and child
 * processes live in src/runner/ (and the thin action entries) only, so every
 * core can be called from the CLI and from tests with plain data.
 */
const outsideWorld = {
  paths: [
    { name: 'node:child_process', message: 'Run commands through src/runner/ so cores stay pure.' },
    { name: 'child_process', message: 'Run commands through src/runner/ so cores stay pure.' },
  ],
  patterns: [
    { group: ['@actions/*'], message: 'Only src/runner/ and action entries may import the toolkit.' },
    { group: ['octokit', '@octokit/*'], message: 'Only src/runner/ may talk to the GitHub API.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'fixtures/**', '.tmp/**', 'examples/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/runner/**', 'src/actions/*/index.ts'],
    rules: { 'no-restricted-imports': ['error', outsideWorld] },
  },
);
