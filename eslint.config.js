import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'scratch/',
      'eslint.config.js',
      'clients/typescript/src/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through app/config.ts only.' },
      ],
    },
  },
  {
    // The plugin contract: plugins reach core only through app/plugin-kit.ts, and other plugins only
    // through their services (type imports are fine). One exception: the egress plugin's front door
    // (plugins/egress/egress.ts) also gives its dependents the values that describe its refusals (the error
    // class, the shared EGRESS_DENIED definition, the host-pattern check), never a way to build an egress.
    files: ['plugins/*/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(app|db)/(?!plugin-kit\\.js$)',
              message: 'Plugins import core only through app/plugin-kit.ts.',
            },
            {
              regex: '^\\.\\./(?!egress/egress\\.js$)[^.]',
              allowTypeImports: true,
              message: "Use another plugin's services (dependsOn + Cradle), not its modules.",
            },
            {
              regex: '^\\.\\./egress/egress\\.js$',
              allowTypeImports: true,
              allowImportNames: ['EgressError', 'egressDeniedProblem', 'isHostPattern'],
              message:
                "The one egress is the container's `egress` (dependsOn: ['egress']); never build your own.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'app/config.ts',
      'test/**/*.ts',
      'plugins/*/test/**/*.ts',
      'bench/**/*.ts',
      'clients/*/examples/**/*.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['test/**/*.ts', 'plugins/*/test/**/*.ts'],
    rules: {
      // chai assertions such as expect(x).to.be.true are expressions by design
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // Mocha's lane configurations (test/lanes): CommonJS, outside the TypeScript project.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
