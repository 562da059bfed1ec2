/** Builds every reference stack set into one cdktf App (used by main.ts, the tests and the benchmark). */
import { App } from 'cdktf';
import { dev } from './config/dev';
import { buildMlopsPlatform } from './mlops-platform';

/** Adds all reference stack sets to `app`. */
export function buildReferenceStacks(app: App): App {
  buildMlopsPlatform(app, dev);
  return app;
}
