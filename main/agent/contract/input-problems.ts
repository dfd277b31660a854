// What is wrong with a request that does not match the contract, in one sentence a POS developer
// (or the screen) can act on: the field, and what it must be.
import type { z } from 'zod';

type Issue = z.ZodError['issues'][number];

/** For a union (scanId or cardNumber), explain the branch the caller meant: the one not missing its key. */
function pickIssue(issues: readonly Issue[]): Issue | undefined {
  const issue = issues[0];
  if (issue?.code !== 'invalid_union') return issue;
  const missingKey = (i: Issue) =>
    i.code === 'invalid_type' && i.path.length === 1 && /received undefined/.test(i.message);
  const branches = [...issue.errors].sort(
    (a, b) => a.filter(missingKey).length - b.filter(missingKey).length,
  );
  const best = branches[0];
  if (!best || best.some(missingKey)) return issue;
  return pickIssue(best);
}

export function describeInputProblem(error: z.ZodError): string {
  const issue = pickIssue(error.issues);
  if (!issue) return 'The request does not match the API.';
  if (issue.code === 'invalid_union') return 'Send either a scanId, or a cardNumber (with an optional pin).';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys')
    return `${where}unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}.`;
  return `${where}${issue.message}.`;
}
