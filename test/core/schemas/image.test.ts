import { IMAGE_FIX, imageProblem, parseImageReference, Schemas } from '../../../src/core/schemas';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references and the pin check', () => {
  test('parts', () => {
    expect(parseImageReference('nginx:1.27')).toEqual({ domain: undefined, path: 'nginx', tag: '1.27', digest: undefined });
    expect(parseImageReference('localhost:5000/team/app:v2')).toEqual({ domain: 'localhost:5000', path: 'team/app', tag: 'v2', digest: undefined });
    expect(parseImageReference(`123456789012.dkr.ecr.us-east-1.amazonaws.com/drift@${DIGEST}`)).toEqual({
      domain: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      path: 'drift',
      tag: undefined,
      digest: DIGEST,
    });
  });

  test.each(['nginx:1.27', 'docker.io/vllm/vllm-openai:v0.11.0', `ghcr.io/org/app@${DIGEST}`, `ghcr.io/org/app:latest@${DIGEST}`, 'registry.example.com:5000/a__b/c-d:1.0_rc.1'])(
    '%s is pinned',
    (image) => expect(imageProblem(image)).toBeUndefined(),
  );

  test.each([
    ['nginx', `has no tag; pin a version tag or a digest (${IMAGE_FIX})`],
    ['registry.example.com:5000/app', `has no tag; pin a version tag or a digest (${IMAGE_FIX})`],
    ['nginx:latest', 'uses the mutable tag "latest"; pin a version tag or a digest'],
    ['ghcr.io/Org/app:1.0', `has an invalid repository component "Org" (repository names are lowercase); ${IMAGE_FIX}`],
    ['ghcr.io/org/app:1.0:2', `has an invalid repository component "app:1.0" (use lowercase letters, digits and single separators); ${IMAGE_FIX}`],
    ['ghcr.io:x/app:1', `has an invalid registry host "ghcr.io:x"; ${IMAGE_FIX}`],
    ['app:-bad', 'has an invalid tag "-bad"; a tag is up to 128 letters, digits, "_", "." and "-"'],
    ['app@sha256:abc', 'has a malformed digest "sha256:abc"; a digest is sha256:<64 lowercase hex digits>'],
    ['', `is not an image reference (the name must be 1 to 255 characters); ${IMAGE_FIX}`],
    ['a//b:1', `has an invalid repository component "" (use lowercase letters, digits and single separators); ${IMAGE_FIX}`],
    ['s3://bucket/image:1', `has an invalid registry host "s3:"; ${IMAGE_FIX}`],
  ])('%j: %s', (image, message) => expect(imageProblem(image)).toBe(message));

  test('repository and tag props', () => {
    const msg = (schema: { safeParse: (v: unknown) => { error?: { issues: Array<{ message: string }> } } }, v: unknown) => schema.safeParse(v).error?.issues[0].message;
    expect(msg(Schemas.imageRepository(), 'docker.io/vllm/vllm-openai')).toBeUndefined();
    expect(msg(Schemas.imageRepository(), 'docker.io/vllm/vllm-openai:v1')).toBe('includes a tag or digest; give the repository only and the version in the tag prop');
    expect(msg(Schemas.imageTag(), 'latest')).toBe('is "latest"; pin an exact image tag');
    expect(msg(Schemas.imageTag(), 'v1 2')).toBe('is not an image tag; a tag is up to 128 letters, digits, "_", "." and "-"');
    expect(msg(Schemas.image(), 'nginx')).toBe(`has no tag; pin a version tag or a digest (${IMAGE_FIX})`);
  });
});
