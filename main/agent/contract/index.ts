// The agent API's contract: the operation table with its zod schemas, the error codes, the
// events, and the one dispatch every host's call goes through.
export {
  operations,
  type Handler,
  type Handlers,
  type OperationInput,
  type OperationOutput,
  type Operations,
  type TillAgentApi,
} from './api';
export * from './errors';
export * from './schemas';
export * from './manager-schemas';
export * from './operations';
export { describeInputProblem } from './input-problems';
export { dispatch } from './dispatch';
