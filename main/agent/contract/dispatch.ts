// Every host's call reaches the core here: the input checked against the contract (a clear
// BAD_REQUEST when it does not match), the handler run, and its answer checked on the way out
// too, so a shape bug is ours to log, never the POS's to find. It never throws.
import type { Logger } from '../logger';
import { fail, type Result } from './errors';
import { operations, type Handlers } from './api';
import { describeInputProblem } from './input-problems';
import type { OperationName } from './operations';

const MISTAKE = 'Try again; if it keeps happening, send a support bundle to IT.';

export async function dispatch(
  handlers: Handlers,
  op: string,
  input: unknown,
  log: Logger,
): Promise<Result<unknown>> {
  if (!Object.hasOwn(operations, op))
    return fail('NOT_FOUND', `There is no operation called ${JSON.stringify(op.slice(0, 40))}.`);
  const name = op as OperationName;
  const parsed = operations[name].input.safeParse(input ?? {});
  if (!parsed.success) return fail('BAD_REQUEST', describeInputProblem(parsed.error));
  try {
    const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>;
    const result = await handler(parsed.data);
    if (!result.ok) return result;
    const out = operations[name].output.safeParse(result.value);
    if (out.success) return { ok: true, value: out.data };
    log.error({ op, issues: out.error.issues.slice(0, 5) }, 'operation answered outside the contract');
    return fail('INTERNAL', `Till Agent made a mistake answering this. ${MISTAKE}`);
  } catch (e) {
    log.error({ op, err: e }, 'operation failed');
    return fail('INTERNAL', `Till Agent made a mistake handling this. ${MISTAKE}`);
  }
}
