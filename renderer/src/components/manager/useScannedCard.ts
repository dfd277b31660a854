// A gift card scanned while a manager form is open: the valid scan's id and masked number, for the
// form to use instead of a typed number (the agent knows the card by its scan).
import { useEffect, useState } from 'react';
import type { TillAgentApi } from '../../../../main/agent/contract';

export interface ScannedCard {
  scanId: string;
  cardNumberMasked: string;
}

export function useScannedCard(agent: TillAgentApi): [ScannedCard | undefined, () => void] {
  const [scanned, setScanned] = useState<ScannedCard>();
  useEffect(() => {
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'scan' && event.data.valid && event.data.cardNumberMasked)
          setScanned({ scanId: event.data.scanId, cardNumberMasked: event.data.cardNumberMasked });
      });
    } catch {
      // Without events the number is typed.
    }
    return stop;
  }, [agent]);
  return [scanned, () => setScanned(undefined)];
}
