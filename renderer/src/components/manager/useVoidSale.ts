// Voiding a sale from the Manager view: the sale read first (so the question names what goes back
// to which cards), then voided once the manager confirms, and what that did.
import { useState } from 'react';
import type { ApiError, Basket, TillAgentApi } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';
import { useOneCall } from '../../use-one-call';
import { useManagerCall, type Refused } from './useManagerCall';

export type VoidSaleStep =
  | { step: 'enter' }
  | { step: 'finding' }
  | { step: 'confirm'; basket: Basket }
  | { step: 'voiding'; basket: Basket }
  /** Voided: the sale as it is now and as it was before (what the void did is judged by both). */
  | { step: 'done'; basket: Basket; before: Basket };

export interface VoidSale {
  step: VoidSaleStep;
  problem?: ApiError;
  find(basketId: string): void;
  confirm(): void;
  /** Back to typing a sale id. */
  reset(): void;
}

export function useVoidSale(agent: TillAgentApi, session: string, onRefused: Refused): VoidSale {
  const call = useManagerCall(session, onRefused);
  const once = useOneCall();
  const [step, setStep] = useState<VoidSaleStep>({ step: 'enter' });
  const [problem, setProblem] = useState<ApiError>();

  const find = (basketId: string): void =>
    void once(async () => {
      setProblem(undefined);
      setStep({ step: 'finding' });
      const result = await callAgent(() => agent.getBasket({ basketId }));
      if (result.ok) setStep({ step: 'confirm', basket: result.value });
      else {
        setProblem(result.error);
        setStep({ step: 'enter' });
      }
    });

  const confirm = (): void => {
    if (step.step !== 'confirm') return;
    const before = step.basket;
    void once(async () => {
      setProblem(undefined);
      setStep({ step: 'voiding', basket: before });
      const result = await call((s) => agent.managerVoidBasket({ session: s, basketId: before.basketId }));
      if (!result) return;
      if (result.ok) setStep({ step: 'done', basket: result.value, before });
      else {
        setProblem(result.error);
        setStep({ step: 'confirm', basket: before });
      }
    });
  };

  const reset = (): void => {
    setProblem(undefined);
    setStep({ step: 'enter' });
  };

  return { step, ...(problem ? { problem } : {}), find, confirm, reset };
}
