/**
 * `FeastOnlineStore` (data layer): Feast's online store — a `ManagedRedis` (ElastiCache for Redis OSS,
 * private, encrypted at rest and in transit, AUTH token generated into Secrets Manager; see its doc
 * for where the token lives and how to rotate it) with Feast's descriptions. Its construct paths are
 * those of `ManagedRedis` under this construct's id, as before.
 */
import { Construct } from 'constructs';
import { ManagedRedis, ManagedRedisProps } from '../core/databases/managed-redis';

/** Props of {@link FeastOnlineStore}: those of `ManagedRedis` without its purpose and parameters. */
export type FeastOnlineStoreProps = Omit<ManagedRedisProps, 'purpose' | 'parameters'>;

/** An encrypted, authenticated, private ElastiCache for Redis OSS replication group for Feast. */
export class FeastOnlineStore extends ManagedRedis {
  constructor(scope: Construct, id: string, props: FeastOnlineStoreProps) {
    super(scope, id, { ...props, purpose: 'Feast online store' });
  }
}
