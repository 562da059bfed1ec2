/** Shorthands for the scanner checks a rule mirrors (see {@link PolicyScannerRef}). */
import { PolicyScannerRef } from '../types';

/** A checkov check id, verified in checkov's docs/5.Policy Index unless said otherwise. */
export function checkov(id: string, note?: string, verified = true): PolicyScannerRef {
  return { scanner: 'checkov', id, verified, ...(note ? { note } : {}) };
}

/** A trivy (trivy-checks) AVD id, verified in the check's METADATA unless said otherwise. */
export function trivy(id: string, note?: string, verified = true): PolicyScannerRef {
  return { scanner: 'trivy', id, verified, ...(note ? { note } : {}) };
}

/** A cdk-nag AwsSolutions rule, verified in cdk-nag's RULES.md unless said otherwise. */
export function cdkNag(id: string, note?: string, verified = true): PolicyScannerRef {
  return { scanner: 'cdk-nag', id, verified, ...(note ? { note } : {}) };
}
