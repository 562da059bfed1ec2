/**
 * `FrontDoorCertificate` (cloud layer): the TLS certificate of the front door's load balancers.
 *
 * - With `hostedZoneId`: an ACM certificate for `domainName` and `subjectAlternativeNames`,
 *   validated through DNS — one CNAME per name in that Route 53 zone (names that share a record,
 *   such as `example.com` and `*.example.com`, write the same record: `allow_overwrite`) and an
 *   `aws_acm_certificate_validation` that waits until ACM has issued it. {@link certificateArn} is
 *   the validation's output, so a listener is never configured with a pending certificate. ACM
 *   renews it as long as the records stay.
 * - With `certificateArn`: a certificate you imported or issued elsewhere (same region), used as is.
 *
 * The certificate is not stateful (ACM reissues one for the same names in minutes), so it lives in
 * the cloud layer with `create_before_destroy`: changing the names swaps it without an outage.
 */
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { failProp, Schemas, validateProps } from '../core/validation';
import { AwsAcmCertificate, AwsAcmCertificateValidation, AwsRoute53Record } from '../core/resources/aws-certificates';

/** Props of {@link FrontDoorCertificate}. */
export interface FrontDoorCertificateProps {
  /** The certificate's main name, e.g. `ml.example.com` or `*.ml.example.com`. */
  readonly domainName: string;
  /**
   * More names on the certificate (e.g. `*.ml.example.com`, `*.models.serving.ml.example.com`).
   * @default - none
   */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * The public Route 53 hosted zone that validates the names (DNS validation).
   * @default - none: pass `certificateArn`
   */
  readonly hostedZoneId?: string;
  /**
   * An existing certificate (ACM, same region) to use instead of issuing one.
   * @default - issue one (needs `hostedZoneId`)
   */
  readonly certificateArn?: string;
}

const schema = Schemas.object({
  domainName: Schemas.dnsName({ wildcard: true }),
  subjectAlternativeNames: z.array(Schemas.dnsName({ wildcard: true })).max(99, { message: 'has more than the 99 additional names ACM allows; use wildcards' }).optional(),
  hostedZoneId: Schemas.hostedZoneId().optional(),
  certificateArn: Schemas.acmCertificateArn().optional(),
});

/** The front door's certificate: issued and DNS-validated, or imported. */
export class FrontDoorCertificate extends Construct {
  /** ARN of the issued (validated) or imported certificate. */
  public readonly certificateArn: string;
  /** The names the certificate covers (known at synth). */
  public readonly names: readonly string[];
  /** The ACM certificate, when issued here. */
  public readonly certificate?: AwsAcmCertificate;
  /** The validation that waits for issuance, when issued here. */
  public readonly validation?: AwsAcmCertificateValidation;

  constructor(scope: Construct, id: string, props: FrontDoorCertificateProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'FrontDoorCertificate');
    const sans = [...new Set(props.subjectAlternativeNames ?? [])].filter((n) => n !== props.domainName);
    this.names = [props.domainName, ...sans];
    if (props.certificateArn !== undefined) {
      if (props.hostedZoneId !== undefined) {
        failProp(this, 'hostedZoneId', props.hostedZoneId, 'is not used with certificateArn (the certificate exists); drop one of the two');
      }
      this.certificateArn = props.certificateArn;
      return;
    }
    if (props.hostedZoneId === undefined) {
      failProp(this, 'hostedZoneId', undefined, 'is required to issue a certificate (DNS validation); pass the public hosted zone of the domain, or an existing certificateArn');
    }
    this.certificate = new AwsAcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: sans.length > 0 ? sans : undefined,
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per name, keyed by the name. Iterate the set itself: `tolist()` of a set whose
    // elements are partly unknown at plan (the record values) is unknown, and for_each refuses it.
    const options = TerraformIterator.fromMap(Token.asAnyMap(`\${{ for dvo in ${this.certificate.fqn}.domain_validation_options : dvo.domain_name => dvo }}`));
    const records = new AwsRoute53Record(this, 'validation-record', {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString('resource_record_name'),
      // ACM's DNS validation records are always CNAMEs (known at plan, unlike resource_record_type)
      type: 'CNAME',
      records: [options.getString('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    this.validation = new AwsAcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(`\${[for record in ${records.fqn} : record.fqdn]}`),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
