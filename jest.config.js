// jest 30 in native ESM (NODE_OPTIONS=--experimental-vm-modules, set by `npm test`), TypeScript
// compiled by @swc/jest. Reporters are set explicitly: jest 30.5 switches to a terse reporter when
// some environment variables are set, and CI reads our own closing line from test/summary.cjs.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    }],
  },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.worktrees/'],
  reporters: ['default'],
  testResultsProcessor: './test/summary.cjs',
  // Generous: CLI tests start real processes (tsx, scrypt, Argon2id) on a 2-core machine.
  testTimeout: 300000,
  maxWorkers: 2,
};
