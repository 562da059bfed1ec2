/**
 * Deploy-time wiring of a synthesized stack set, checked statically the way a first deployment would
 * exercise it (the test in test/stacks and test/examples runs it on every reference set and
 * example):
 * 1. namespaces: every namespaced object is created after its namespace (namespaces.ts);
 * 2. scraping: every PodMonitor/ServiceMonitor endpoint keeps a target (monitors.ts);
 * 3. Pod Identity: every association names a ServiceAccount that will exist (references.ts);
 * 4. Secrets: every secret reference names a Secret and key the set produces in that namespace (references.ts).
 * What it cannot see is listed in README.md ("Deploy-time wiring test").
 */
import { inventoryOf } from './inventory';
import { SetJson } from './model';
import { monitorProblems } from './monitors';
import { namespaceProblems } from './namespaces';
import { identityProblems, secretProblems } from './references';

export { readSets, SetJson, StackJson } from './model';

/** The problems of one set, by check; empty lists when it is wired right. */
export interface WiringReport {
  readonly namespaces: string[];
  readonly monitors: string[];
  readonly identities: string[];
  readonly secrets: string[];
  /** Secret keys referenced from a Secret whose keys are only known at run time (ExternalSecret `dataFrom`). */
  readonly secretKeysUnchecked: number;
}

/** Runs every wiring check on one set. */
export function checkWiring(set: SetJson): WiringReport {
  const inventory = inventoryOf(set);
  const secrets = secretProblems(inventory);
  return {
    namespaces: namespaceProblems(set, inventory.objects),
    monitors: monitorProblems(inventory),
    identities: identityProblems(set, inventory),
    secrets: secrets.problems,
    secretKeysUnchecked: secrets.keysUnknown,
  };
}
