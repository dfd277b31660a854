// The screen's first questions to the agent, asked before React draws anything: subscribe to its
// events, then read health and the POS's current sale. The first frame can then show the link and
// speak the till's language (ui.language), and the answers are on their way while the screens'
// code is still starting. The screen's feed (use-agent-feed.ts) takes them over as its own first
// reads, with the events that came meanwhile.
import type { AgentEvent, Health, OperationOutput, Result, TillAgentApi } from '../../main/agent/contract';
import { callAgent } from './agent';

/** How long the first frame waits for health before it is drawn without it ("Connecting…"). */
export const FIRST_HEALTH_WAIT_MS = 1000;

export interface FirstReads {
  health: Promise<Result<Health>>;
  currentBasket: Promise<Result<OperationOutput<'currentBasket'>>>;
  /** Hands the events over: those that came since the start, then each as it comes. Returns how to stop. */
  follow(listener: (event: AgentEvent) => void): () => void;
}

/** The first reads, with health's answer when it came before the first frame (drawn with it). */
export interface FirstFeed {
  reads: FirstReads;
  health?: Result<Health>;
}

/** Subscribes, then asks: no change falls between the subscription and the first reads. */
export function startFirstReads(agent: TillAgentApi): FirstReads {
  const early: AgentEvent[] = [];
  let listener: ((event: AgentEvent) => void) | undefined;
  let stop: () => void = () => {};
  try {
    stop = agent.onEvent((event) => (listener ? listener(event) : early.push(event)));
  } catch {
    // Without events the screen still works by asking; health shows what it can.
  }
  return {
    health: callAgent(() => agent.health({})),
    currentBasket: callAgent(() => agent.currentBasket({})),
    follow(next) {
      listener = next;
      for (const event of early.splice(0)) next(event);
      return () => {
        listener = undefined;
        stop();
      };
    },
  };
}

/** Health's answer if it comes within `ms`, else undefined (the screen shows it when it comes). */
export function healthWithin(
  reads: FirstReads,
  ms = FIRST_HEALTH_WAIT_MS,
): Promise<Result<Health> | undefined> {
  return Promise.race([
    reads.health,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms)),
  ]);
}
