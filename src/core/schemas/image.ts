/** `Schemas.image` and friends: the pin check every image prop goes through (see ../image-reference.ts). */
import { z } from 'zod';
import { IMAGE_TAG, imageProblem, parseImageReference } from '../image-reference';

export { IMAGE_FIX, imageProblem, parseImageReference } from '../image-reference';
export type { ImageReference } from '../image-reference';

/** Zod schemas of image references. */
export const imageSchemas: {
  image: () => z.ZodType<string>;
  imageRepository: () => z.ZodType<string>;
  pinnedImage: () => z.ZodType<{ repository: string; tag: string }>;
  imageTag: () => z.ZodType<string>;
} = {
  /** A pinned image reference: `repository:tag` (not `latest`) or `repository@sha256:…`. */
  image: () =>
    z.string().superRefine((reference, ctx) => {
      const message = imageProblem(reference);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  /** An image repository without tag or digest (for props that take the tag separately). */
  imageRepository: () =>
    z.string().superRefine((repository, ctx) => {
      const parsed = parseImageReference(repository);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      else if (parsed.tag !== undefined || parsed.digest !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'includes a tag or digest; give the repository only and the version in the tag prop' });
      }
    }),
  /** A `{ repository, tag }` image (the library's `PinnedImage`): a repository without tag and a tag other than `latest`. */
  pinnedImage: () =>
    z.strictObject(
      { repository: imageSchemas.imageRepository(), tag: imageSchemas.imageTag() },
      { error: (iss) => (iss.code === 'invalid_type' ? 'is not a pinned image; give { repository, tag }, e.g. { repository: "kserve/huggingfaceserver", tag: "v0.20.0" }' : undefined) },
    ),
  /** An image tag other than `latest`. */
  imageTag: () =>
    z
      .string()
      .regex(IMAGE_TAG, { message: 'is not an image tag; a tag is up to 128 letters, digits, "_", "." and "-"' })
      .refine((t) => t !== 'latest', { message: 'is "latest"; pin an exact image tag' }),
};
