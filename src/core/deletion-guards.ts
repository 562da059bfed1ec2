/**
 * Deletion guards that live in a resource's arguments rather than in Terraform's `lifecycle` —
 * e.g. the `deletion_protection.enabled` attribute of the front door's ALB, which the AWS Load
 * Balancer Controller reads from an IngressClassParams and enforces by refusing to delete the
 * Ingresses ("deletion_protection is enabled, cannot delete the ingress"). The construct that sets
 * such a guard registers how to lift it; `allowComputeDeletion` / `allowDataDeletion` (src/policy)
 * call it for the resources they visit, so the deploy before a destroy turns the guard off.
 */
import { IConstruct } from 'constructs';

const lifts = new WeakMap<IConstruct, Array<() => void>>();

/** Registers how to turn off a deletion guard set in `resource`'s arguments. */
export function registerDeletionGuard(resource: IConstruct, lift: () => void): void {
  lifts.set(resource, [...(lifts.get(resource) ?? []), lift]);
}

/** Turns off the deletion guards registered for `resource`; true when it had any. */
export function liftDeletionGuards(resource: IConstruct): boolean {
  const registered = lifts.get(resource) ?? [];
  for (const lift of registered) lift();
  return registered.length > 0;
}
