/**
 * ACM certificates, their DNS validation and Route 53 records (the front door), typed and synthesized
 * like their provider bindings without loading them (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { AcmCertificateConfig } from '@cdktf/provider-aws/lib/acm-certificate';
import type { AcmCertificateValidationConfig } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import type { Route53RecordConfig } from '@cdktf/provider-aws/lib/route53-record';
import { AwsResource } from './aws-resource';

/** An `aws_acm_certificate` resource (the binding's `AcmCertificate`). */
export class AwsAcmCertificate extends AwsResource<AcmCertificateConfig> {
  constructor(scope: Construct, id: string, config: AcmCertificateConfig) {
    super(scope, id, 'aws_acm_certificate', ['tags', 'tags_all'], config);
  }

  /** The certificate's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }
}

/** An `aws_acm_certificate_validation` resource (the binding's `AcmCertificateValidation`). */
export class AwsAcmCertificateValidation extends AwsResource<AcmCertificateValidationConfig> {
  constructor(scope: Construct, id: string, config: AcmCertificateValidationConfig) {
    super(scope, id, 'aws_acm_certificate_validation', [], config);
  }

  /** The validated certificate's ARN (a reference that waits for the validation). */
  public get certificateArn(): string {
    return this.getStringAttribute('certificate_arn');
  }
}

/** An `aws_route53_record` resource (the binding's `Route53Record`). */
export class AwsRoute53Record extends AwsResource<Route53RecordConfig> {
  constructor(scope: Construct, id: string, config: Route53RecordConfig) {
    super(scope, id, 'aws_route53_record', [], config);
  }
}
