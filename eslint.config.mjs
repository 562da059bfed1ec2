import tseslint from 'typescript-eslint';

const providerRoots = ['@cdktf/provider-aws', '@cdktf/provider-kubernetes', '@cdktf/provider-helm'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'docs/api/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The package root of a provider loads every resource class: ~3 s and ~0.5 GB per process.
      // Import each class from its own module instead, e.g. '@cdktf/provider-aws/lib/s3-bucket'.
      'no-restricted-imports': ['error', {
        paths: providerRoots.map((name) => ({
          name,
          message: `Import from '${name}/lib/<resource>' instead: the package root loads every resource class (~3 s, ~0.5 GB).`,
        })),
      }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Props schemas are strict: an unknown key (a typo) is an error with a "did you mean", never
    // dropped. Schemas.object / Schemas.props build them; Schemas.construct takes references to
    // other constructs (whose other members are fine).
    files: ['src/**/*.ts', 'stacks/**/*.ts', 'examples/**/*.ts'],
    ignores: ['src/core/schemas/**', 'src/review/**'],
    rules: {
      'no-restricted-syntax': ['error', ...['object', 'looseObject'].map((name) => ({
        selector: `CallExpression[callee.object.name='z'][callee.property.name='${name}']`,
        message: `z.${name} lets unknown keys through silently; use Schemas.props<Props>() or Schemas.object (strict, with "did you mean"), or Schemas.construct for a reference to another construct`,
      })), {
        selector: "CallExpression[callee.property.name='passthrough']",
        message: '.passthrough() lets unknown keys through silently; list the keys in a strict schema',
      }],
    },
  },
  {
    // Tests read synthesized JSON, whose shape is the thing under test.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // A focused or skipped test hides others: with the folder suites (test/helpers/suite.ts) a
      // `.only` skips every other file of its folder.
      'no-restricted-properties': ['error', ...['describe', 'test', 'it'].flatMap((object) => ['only', 'skip'].map((property) => ({
        object,
        property,
        message: `${object}.${property} hides tests from npm test; remove it before committing`,
      })))],
      'no-restricted-globals': ['error', ...['fdescribe', 'fit', 'xdescribe', 'xit', 'xtest'].map((name) => ({ name, message: `${name} hides tests from npm test` }))],
    },
  },
  {
    // The few plain-JavaScript files (bin entry, jest global setup) are CommonJS by design.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/bench/**/*.ts', 'src/review/cli/**/*.ts', 'src/cli/**/*.ts', 'stacks/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
