/**
 * Container image references (the grammar of distribution/reference) and the pin check every image
 * prop goes through: a version tag other than `latest`, or a digest.
 *
 * ```
 * reference := name [ ":" tag ] [ "@" digest ]
 * name      := [ domain "/" ] path-component { "/" path-component }     (at most 255 characters)
 * domain    := host [ ":" port ]      (the first component, when it has a "." or ":" or is localhost)
 * path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 * tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * digest    := algorithm ":" hex      (sha256: 64 lowercase hex digits)
 * ```
 *
 * No dependencies (no zod): the policy rules use it from the review CLI, which loads no zod.
 */

/** An image reference split into its parts. */
export interface ImageReference {
  /** Registry host (and port), when the reference names one. */
  readonly domain?: string;
  /** Repository path, e.g. `library/nginx`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOMAIN_COMPONENT = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;
/** A tag (up to 128 characters). */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** The fix of an image reference that does not parse. */
export const IMAGE_FIX = 'use "registry/repository:tag" or "registry/repository@sha256:<digest>"';

/** The parts of an image reference, or what is wrong with it. */
export function parseImageReference(reference: string): ImageReference | string {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const nameAndTag = at >= 0 ? reference.slice(0, at) : reference;
  if (digest !== undefined && (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)))) {
    return `has a malformed digest "${digest}"; a digest is sha256:<64 lowercase hex digits>`;
  }
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const tag = colon > lastSlash ? nameAndTag.slice(colon + 1) : undefined;
  const name = colon > lastSlash ? nameAndTag.slice(0, colon) : nameAndTag;
  if (tag !== undefined && !IMAGE_TAG.test(tag)) return `has an invalid tag "${tag}"; a tag is up to 128 letters, digits, "_", "." and "-"`;
  if (name.length === 0 || name.length > 255) return `is not an image reference (the name must be 1 to 255 characters); ${IMAGE_FIX}`;
  const components = name.split('/');
  const first = components[0];
  const hasDomain = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) {
    const [host, port, ...rest] = first.split(':');
    if (rest.length > 0 || (port !== undefined && !/^[0-9]+$/.test(port)) || !host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) {
      return `has an invalid registry host "${first}"; ${IMAGE_FIX}`;
    }
  }
  const path = hasDomain ? components.slice(1) : components;
  const bad = path.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    const hint = /[A-Z]/.test(bad) ? 'repository names are lowercase' : 'use lowercase letters, digits and single separators';
    return `has an invalid repository component "${bad}" (${hint}); ${IMAGE_FIX}`;
  }
  return { domain: hasDomain ? first : undefined, path: path.join('/'), tag, digest };
}

/** Why an image reference is not a valid pinned reference, or undefined when it is. */
export function imageProblem(reference: string): string | undefined {
  const parsed = parseImageReference(reference);
  if (typeof parsed === 'string') return parsed;
  if (parsed.digest !== undefined) return undefined;
  if (parsed.tag === undefined) return `has no tag; pin a version tag or a digest (${IMAGE_FIX})`;
  if (parsed.tag === 'latest') return 'uses the mutable tag "latest"; pin a version tag or a digest';
  return undefined;
}

