// The small shape drawn beside a state's words, so no state is told by colour alone.
import type { Shape as ShapeName } from '../wording';

export function Shape({ shape }: { shape: ShapeName }) {
  return <span className={`shape shape--${shape}`} aria-hidden="true" />;
}
