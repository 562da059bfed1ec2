/**
 * DNS names and web URLs: a host or domain name (optionally a `*.` wildcard), an `https://` URL.
 */
import { z } from 'zod';

/** One DNS label: letters, digits and inner hyphens, 1–63 characters. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** What is wrong with a DNS name (lowercase, at least two labels, ≤ 253 characters), or undefined. */
export function dnsNameProblem(name: string, allowWildcard: boolean): string | undefined {
  const bare = allowWildcard && name.startsWith('*.') ? name.slice(2) : name;
  if (name.includes('*') && bare === name) return allowWildcard ? 'has a "*" that is not a leading "*." label; write wildcards as "*.example.com"' : 'has a wildcard; give one host name';
  if (bare.includes('*')) return 'has a "*" that is not a leading "*." label; write wildcards as "*.example.com"';
  if (/^[a-z]+:\/\//i.test(name) || name.includes('/')) return 'is a URL, not a DNS name; give the name only, e.g. "ml.example.com"';
  if (name !== name.toLowerCase()) return 'has uppercase letters; write DNS names in lowercase';
  if (name.endsWith('.')) return 'ends with "."; leave the root dot out';
  if (name.length > 253) return 'is longer than 253 characters';
  const labels = bare.split('.');
  if (labels.length < 2) return 'has a single label; give a fully qualified name such as "ml.example.com"';
  if (!labels.every((l) => LABEL.test(l))) return 'is not a DNS name; use labels of letters, digits and inner "-" (1-63 characters) separated by "."';
  return undefined;
}

/** Zod schemas of DNS names and URLs. */
export const dnsSchemas = {
  /** A fully qualified DNS name, e.g. `ml.example.com` (`*.ml.example.com` with `wildcard`). */
  dnsName: (options: { wildcard?: boolean } = {}) =>
    z.string().superRefine((name, ctx) => {
      const message = dnsNameProblem(name, options.wildcard ?? false);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  /** An `https://` URL with a host (an OIDC issuer or endpoint). */
  httpsUrl: () => z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s]*)?$/i, { message: 'is not an https:// URL; give the full URL, e.g. "https://login.example.com/oauth2/token"' }),
};
