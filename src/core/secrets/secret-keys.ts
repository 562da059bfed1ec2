/** Checks of the keys of a Kubernetes Secret (shared by the secrets constructs). */
import { Construct } from 'constructs';
import { SECRET_KEY_PATTERN } from '../schemas';
import { failProp } from '../validation';

/** Fails when a key of `record` (the prop `prop`) is not a valid Kubernetes Secret key. */
export function checkSecretKeys(scope: Construct, prop: string, record: Readonly<Record<string, unknown>> | undefined): void {
  for (const key of Object.keys(record ?? {})) {
    if (!SECRET_KEY_PATTERN.test(key)) {
      failProp(scope, `${prop}.${key}`, key, 'is not a valid Kubernetes Secret key; use letters, digits, "-", "_" and "."');
    }
  }
}
