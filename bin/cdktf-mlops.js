#!/usr/bin/env node
// CLI entry (`npx cdktf-mlops <command>`): diff, cost, graph, check. The code is in src/cli.
require('../dist/src/cli/main.js');
