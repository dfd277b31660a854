// A view's small state as one record, changed a few fields at a time (`patch({ loading: false })`,
// or from the state as it is then): for hooks whose reads start in an effect and answer later.
import { useReducer } from 'react';

type Patch<S> = Partial<S> | ((state: S) => Partial<S>);

function patched<S>(state: S, patch: Patch<S>): S {
  return { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
}

export function usePatch<S extends object>(initial: S): [S, (patch: Patch<S>) => void] {
  return useReducer(patched<S>, initial);
}
