/**
 * Policy packs and the one-line opt-in: `PolicyPack.applyTo(app)` checks every stack of the app
 * with the full pack on each synth.
 */
import { Aspects, TerraformStack } from 'cdktf';
import { IConstruct, IValidation } from 'constructs';
import { hasPolicyPack, PolicyAspect } from './aspect';
import { registerRules } from './registry';
import { PACK_DEFINITIONS } from './pack-rules';
import { PolicyPackDefinition, PolicyRule } from './types';

/** A named set of rules that can be applied to stacks during synth. */
export class PolicyPack implements PolicyPackDefinition {
  /**
   * Applies `pack` (default: {@link FULL_PACK}) to every stack under `scope` (an App, or one
   * stack): errors fail synth, warnings become annotations. Call it after the stacks are created;
   * a stack of an App created later fails synth with a message saying so.
   */
  public static applyTo(scope: IConstruct, pack: PolicyPack = FULL_PACK): void {
    pack.applyTo(scope);
  }

  constructor(
    public readonly name: string,
    public readonly rules: readonly PolicyRule[],
  ) {
    const seen = new Set<string>();
    for (const r of rules) {
      if (seen.has(r.id)) throw new Error(`policy pack "${name}": rule id "${r.id}" appears twice; give every rule a unique id`);
      seen.add(r.id);
    }
    registerRules(rules);
  }

  /** Applies this pack to every stack under `scope` (see {@link PolicyPack.applyTo}). */
  public applyTo(scope: IConstruct): void {
    const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    if (stacks.length === 0) {
      throw new Error(`${scope.node.path || 'app'}: PolicyPack.applyTo found no TerraformStack; call it after creating the stacks`);
    }
    for (const stack of stacks) Aspects.of(stack).add(new PolicyAspect(this));
    if (!TerraformStack.isStack(scope)) scope.node.addValidation(new AllStacksChecked(scope, this.name));
  }
}

/** Fails app validation for stacks created after `applyTo(app)` (they would go unchecked). */
class AllStacksChecked implements IValidation {
  constructor(
    private readonly scope: IConstruct,
    private readonly packName: string,
  ) {}
  validate(): string[] {
    return this.scope.node
      .findAll()
      .filter((c): c is TerraformStack => TerraformStack.isStack(c) && !hasPolicyPack(c))
      .map((s) => `stack "${s.node.id}" was created after PolicyPack.applyTo and is not checked by policy pack "${this.packName}"; call PolicyPack.applyTo after creating every stack`);
  }
}

const packOf = (d: PolicyPackDefinition): PolicyPack => new PolicyPack(d.name, d.rules);
/** Every rule. */
export const FULL_PACK = packOf(PACK_DEFINITIONS.full);
/** The AWS rules (EKS, EC2 and EC2NodeClass, security groups, IAM, S3, RDS, ElastiCache, SQS, KMS, Secrets Manager, logs). */
export const AWS_PACK = packOf(PACK_DEFINITIONS.aws);
/** The Kubernetes rules (workloads, manifests, Helm values, Secrets). */
export const K8S_PACK = packOf(PACK_DEFINITIONS.k8s);

/** The packs by name (the same as `check --pack`). */
export const PACKS: Readonly<Record<string, PolicyPack>> = { full: FULL_PACK, aws: AWS_PACK, k8s: K8S_PACK };
