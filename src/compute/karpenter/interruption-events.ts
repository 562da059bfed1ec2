/**
 * The EventBridge rules that feed Karpenter's interruption queue, exactly as Karpenter v1.14's
 * getting-started CloudFormation template declares them (`ScheduledChangeRule`,
 * `SpotInterruptionRule`, `RebalanceRule`, `InstanceStateChangeRule`,
 * `CapacityReservationInterruptionRule`). Karpenter reads these events from the queue and drains a
 * node before EC2 takes it away.
 *
 * @see https://karpenter.sh/docs/concepts/disruption/#interruption
 */

/** An EventBridge event pattern matching on source and detail-type. */
export interface InterruptionEventPattern {
  readonly source: readonly string[];
  readonly 'detail-type': readonly string[];
}

/** One rule: a short name (suffix of the rule name), the upstream logical id and its pattern. */
export interface InterruptionEventRule {
  /** Suffix of the EventBridge rule name (`<cluster>-karpenter-<suffix>`). */
  readonly suffix: string;
  /** Logical id of the rule in Karpenter's CloudFormation template. */
  readonly upstreamId: string;
  readonly description: string;
  readonly pattern: InterruptionEventPattern;
}

/** The five rules, in the upstream template's order. */
export const INTERRUPTION_EVENT_RULES = {
  scheduledChange: {
    suffix: 'health',
    upstreamId: 'ScheduledChangeRule',
    description: 'Karpenter interruption: AWS Health scheduled changes',
    pattern: { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
  },
  spotInterruption: {
    suffix: 'spot-interruption',
    upstreamId: 'SpotInterruptionRule',
    description: 'Karpenter interruption: EC2 Spot Instance interruption warnings',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] },
  },
  rebalance: {
    suffix: 'rebalance',
    upstreamId: 'RebalanceRule',
    description: 'Karpenter interruption: EC2 instance rebalance recommendations',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] },
  },
  instanceStateChange: {
    suffix: 'instance-state-change',
    upstreamId: 'InstanceStateChangeRule',
    description: 'Karpenter interruption: EC2 instance state changes',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
  },
  capacityReservationInterruption: {
    suffix: 'capacity-reservation-interruption',
    upstreamId: 'CapacityReservationInterruptionRule',
    description: 'Karpenter interruption: EC2 capacity reservation interruption warnings',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Capacity Reservation Instance Interruption Warning'] },
  },
} as const satisfies Record<string, InterruptionEventRule>;

/** Target id of every rule's queue target (as upstream). */
export const INTERRUPTION_TARGET_ID = 'KarpenterInterruptionQueueTarget';

/** Services allowed to send to the interruption queue. */
export const INTERRUPTION_QUEUE_SENDERS = ['events.amazonaws.com', 'sqs.amazonaws.com'] as const;

/** Seconds a message stays in the interruption queue (as upstream: 5 minutes). */
export const INTERRUPTION_QUEUE_RETENTION_SECONDS = 300;
