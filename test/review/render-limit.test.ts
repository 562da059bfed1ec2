/** The PR comment never exceeds MAX_COMMENT_LENGTH, however large the review. */
import { parseStack } from '../../src/synth/load';
import { MAX_COMMENT_LENGTH, MAX_DANGER_ITEMS, renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { SynthOutput } from '../../src/review/types';

function output(label: string, stacks: number, perStack: number): SynthOutput {
  const map = new Map();
  for (let s = 0; s < stacks; s++) {
    const name = `stack-${String(s).padStart(2, '0')}`;
    const policies: Record<string, unknown> = {};
    const keys: Record<string, unknown> = {};
    for (let i = 0; i < perStack; i++) {
      const id = `component-${String(i).padStart(3, '0')}_policy_0123ABCD`;
      policies[id] = { '//': { metadata: { path: `${name}/component-${i}/policy` } }, name: id, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }] }) };
      keys[`component-${String(i).padStart(3, '0')}_key_0123ABCD`] = { '//': { metadata: { path: `${name}/component-${i}/key` } }, description: 'k' };
    }
    map.set(name, parseStack(name, { provider: { aws: [{ region: 'us-east-1' }] }, resource: { aws_iam_policy: policies, aws_kms_key: keys } }));
  }
  return { label, stacks: map };
}

const EMPTY: SynthOutput = { label: 'empty', stacks: new Map() };

test('a huge review caps danger items per category, drops the cost breakdown and stacks, and fits', () => {
  const review = reviewPlan(EMPTY, output('big', 40, 60));
  expect(review.danger).toHaveLength(2400);
  const md = renderReviewMarkdown(review);
  expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
  const lines = md.split('\n');
  expect(lines).toContain('### ⚠️ Danger (2400)');
  expect(lines).toContain(`- … and ${2400 - MAX_DANGER_ITEMS} more; run with --json`);
  expect(lines.filter((l) => l.startsWith('- `stack-'))).toHaveLength(MAX_DANGER_ITEMS);
  expect(md).not.toContain('<details><summary>Cost breakdown');
  expect(lines).toContain('_Cost breakdown omitted to fit the comment limit; run `cdktf-mlops cost` for it._');
  expect(md).toContain('| Idle $/month | $0.00 | $2,400.00 | +$2,400.00 |');
  expect(md).toMatch(/\n_\d+ more stacks omitted to fit the comment limit; run with --json for all of them\._$/);
  // deterministic
  expect(renderReviewMarkdown(review)).toBe(md);
});

test('the last resort truncates with a marker and still fits', () => {
  const review = reviewPlan(EMPTY, output('big', 2, 3));
  const md = renderReviewMarkdown(review, 600);
  expect(md.length).toBeLessThanOrEqual(600);
  expect(md.split('\n').slice(-1)[0]).toBe('_… truncated to fit the comment limit; run `cdktf-mlops diff --json` for everything._');
  expect(md.startsWith('<!-- cdktf-mlops plan review -->\n')).toBe(true);
});

test('a review that fits is rendered in full', () => {
  const review = reviewPlan(EMPTY, output('small', 1, 2));
  const md = renderReviewMarkdown(review);
  expect(md).toContain('<details><summary>Cost breakdown (head)</summary>');
  expect(md).not.toContain('more; run with --json');
});
