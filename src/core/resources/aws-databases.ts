/**
 * The ElastiCache replication group and the subnet and parameter groups of ElastiCache and RDS, typed
 * and synthesized like their provider bindings without loading them (see {@link ProviderResource}).
 * The RDS instance stays the binding (`masterUserSecret` is a nested attribute).
 */
import { Construct } from 'constructs';
import type { DbParameterGroupConfig } from '@cdktf/provider-aws/lib/db-parameter-group';
import type { DbSubnetGroupConfig } from '@cdktf/provider-aws/lib/db-subnet-group';
import type { ElasticacheParameterGroupConfig } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import type { ElasticacheReplicationGroupConfig } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import type { ElasticacheSubnetGroupConfig } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { AwsResource } from './aws-resource';

/** An `aws_elasticache_replication_group` resource (the binding's `ElasticacheReplicationGroup`). */
export class AwsElasticacheReplicationGroup extends AwsResource<ElasticacheReplicationGroupConfig> {
  constructor(scope: Construct, id: string, config: ElasticacheReplicationGroupConfig) {
    super(scope, id, 'aws_elasticache_replication_group', ['tags', 'tags_all'], config);
  }

  /** The primary endpoint's host name (a reference). */
  public get primaryEndpointAddress(): string {
    return this.getStringAttribute('primary_endpoint_address');
  }
}

/** An `aws_elasticache_subnet_group` resource (the binding's `ElasticacheSubnetGroup`). */
export class AwsElasticacheSubnetGroup extends AwsResource<ElasticacheSubnetGroupConfig> {
  constructor(scope: Construct, id: string, config: ElasticacheSubnetGroupConfig) {
    super(scope, id, 'aws_elasticache_subnet_group', ['tags', 'tags_all'], config);
  }

  /** The group's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}

/** An `aws_elasticache_parameter_group` resource (the binding's `ElasticacheParameterGroup`). */
export class AwsElasticacheParameterGroup extends AwsResource<ElasticacheParameterGroupConfig> {
  constructor(scope: Construct, id: string, config: ElasticacheParameterGroupConfig) {
    super(scope, id, 'aws_elasticache_parameter_group', ['tags', 'tags_all'], config);
  }

  /** The group's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}

/** An `aws_db_subnet_group` resource (the binding's `DbSubnetGroup`). */
export class AwsDbSubnetGroup extends AwsResource<DbSubnetGroupConfig> {
  constructor(scope: Construct, id: string, config: DbSubnetGroupConfig) {
    super(scope, id, 'aws_db_subnet_group', ['tags', 'tags_all'], config);
  }

  /** The group's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}

/** An `aws_db_parameter_group` resource (the binding's `DbParameterGroup`). */
export class AwsDbParameterGroup extends AwsResource<DbParameterGroupConfig> {
  constructor(scope: Construct, id: string, config: DbParameterGroupConfig) {
    super(scope, id, 'aws_db_parameter_group', ['tags', 'tags_all'], config);
  }

  /** The group's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}
