// The layers of docs/ARCHITECTURE.md, checked by src/architecture.test.ts (part of `npm test`).
// By hand: npx depcruise src web/src --config .dependency-cruiser.cjs
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle (type-only imports count): one of the two owns the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-the-ground-floor',
      comment:
        'platform/ is cross-cutting: it imports no feature, nor app.ts, cli.ts or server.ts (type-only imports count). Its *.test.ts files test the assembled app and may.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '[.]test[.]ts$' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'web-takes-only-types-from-the-server',
      comment: 'The browser bundle must not pull in server code: `import type` only.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-does-not-import-the-web',
      comment: 'The server never depends on the browser app, not even for types.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'every-import-resolves',
      comment: 'An import the cruiser cannot follow would escape the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API yet, so dependency-cruiser parses with swc.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    // Packages are found through their `exports`, as Node and Vite find them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
