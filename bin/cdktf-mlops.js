#!/usr/bin/env node
// CLI entry (`npx cdktf-mlops <command>`): diff, cost, graph, check. The code is in src/cli, bundled into
// dist/cli.js by `npm run build` (scripts/bundle).
require('../dist/cli.js');
