/**
 * Kubernetes names, label keys and values, Secret keys and environment variable names, with the
 * rules of the API server (k8s.io/apimachinery `pkg/util/validation`).
 */
import { z } from 'zod';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A valid key of a Kubernetes Secret's or ConfigMap's data. */
export const SECRET_KEY_PATTERN = /^[-._a-zA-Z0-9]{1,253}$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** What is wrong with a DNS-1123 label (most object names), or undefined. */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'is longer than 63 characters; use a shorter Kubernetes name';
  if (!DNS1123_LABEL.test(name)) return 'is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}

/** What is wrong with a DNS-1123 subdomain (Secret, ConfigMap and ServiceAccount names), or undefined. */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return 'is longer than 253 characters; use a shorter name';
  if (!DNS1123_SUBDOMAIN.test(name)) return 'is not a DNS-1123 subdomain; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** What is wrong with a label (or annotation, taint) key `[prefix/]name`, or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return 'has a prefix that is not a DNS subdomain; use e.g. "example.com/team" (lowercase prefix, at most 253 characters)';
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'is not a valid label key; the name part is 1-63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (optionally after a "prefix/")';
  }
  return undefined;
}

/** What is wrong with a label (or taint) value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'is longer than 63 characters; label values are at most 63 characters';
  if (!LABEL_VALUE.test(value)) return 'is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

function checked(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** Zod schemas of Kubernetes names. */
export const kubernetesSchemas = {
  /** A Kubernetes object name that is a DNS-1123 label (namespaces, Services, Deployments, …). */
  k8sName: () =>
    z.string().max(63, { message: 'is longer than 63 characters; use a shorter Kubernetes name' }).regex(DNS1123_LABEL, {
      message: 'is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit',
    }),
  /** A Kubernetes object name that is a DNS-1123 subdomain (Secrets, ConfigMaps, ServiceAccounts). */
  dnsSubdomain: () => checked(dns1123SubdomainProblem),
  /** A label, annotation or taint key. */
  labelKey: () => checked(labelKeyProblem),
  /** A label or taint value. */
  labelValue: () => checked(labelValueProblem),
  /** Labels (or a node selector): valid keys and values. */
  labels: () => z.record(checked(labelKeyProblem), checked(labelValueProblem)),
  /** A key of a Kubernetes Secret's data. */
  secretKey: () => z.string().regex(SECRET_KEY_PATTERN, { message: 'is not a valid Kubernetes Secret key; use letters, digits, "-", "_" and "."' }),
  /** A container environment variable name. */
  envVarName: () => z.string().regex(ENV_VAR_NAME, { message: 'is not an environment variable name; use letters, digits, "_", "-" and ".", not starting with a digit' }),
};
