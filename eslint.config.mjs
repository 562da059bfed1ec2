import tseslint from 'typescript-eslint';

const providerRoots = ['@cdktf/provider-aws', '@cdktf/provider-kubernetes', '@cdktf/provider-helm'];

// The package root of a provider loads every resource class: ~3 s and ~0.5 GB per process.
// Import each class from its own module instead, e.g. '@cdktf/provider-aws/lib/s3-bucket'.
const providerRootPaths = providerRoots.map((name) => ({
  name,
  message: `Import from '${name}/lib/<resource>' instead: the package root loads every resource class (~3 s, ~0.5 GB).`,
}));

// Layers of src/ (DESIGN.md), lowest first: a folder imports only from its own layer or below. The
// components may use each other (serving reads MLflow's artifact policy); the tools (policy, review,
// cli) sit on top and no library layer imports them.
const COMPONENTS = ['mlflow', 'featurestore', 'vectordb', 'serving', 'monitoring'];
const TOOLS = ['synth', 'policy', 'review', 'cli'];
// What reads synthesized JSON only: the CLI starts without loading cdktf or a provider.
const JSON_READERS = ['synth', 'review', 'cli'];
const LAYERS = [
  { folders: ['core'], above: ['cluster', 'compute', ...COMPONENTS, ...TOOLS] },
  { folders: ['cluster'], above: ['compute', ...COMPONENTS, ...TOOLS] },
  { folders: ['compute'], above: [...COMPONENTS, ...TOOLS] },
  { folders: COMPONENTS, above: TOOLS },
];

/** `no-restricted-imports` for files of a layer: the provider roots, and relative imports of any folder above it. */
function restrictedImports(above = [], jsonOnly = false) {
  return ['error', {
    paths: [
      ...providerRootPaths,
      ...(jsonOnly ? ['cdktf', 'constructs'].map((name) => ({ name, message: 'src/synth, src/review and src/cli read synthesized JSON only: they must not load cdktf (the CLI starts in a fraction of a second without it).' })) : []),
    ],
    patterns: [
      ...(above.length === 0 ? [] : [{
        regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
        message: 'Layer order (DESIGN.md): core < cluster < compute < components < synth/policy/review/cli; a layer imports only from its own layer or below. Move the shared piece down (e.g. into src/core).',
      }]),
      ...(jsonOnly ? [{ regex: '^@cdktf/', message: 'src/synth, src/review and src/cli read synthesized JSON only: they must not load a provider.' }] : []),
    ],
  }];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'docs/api/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports(),
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...LAYERS.map(({ folders, above }) => ({
    files: folders.map((f) => `src/${f}/**/*.ts`),
    rules: { 'no-restricted-imports': restrictedImports(above) },
  })),
  {
    files: JSON_READERS.map((f) => `src/${f}/**/*.ts`),
    rules: { 'no-restricted-imports': restrictedImports([], true) },
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
    files: ['test/bench/**/*.ts', 'src/cli/**/*.ts', 'stacks/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
