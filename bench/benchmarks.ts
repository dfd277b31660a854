// Every benchmark `npm run bench` runs, in order; each runs in its own process (see run.ts).
import { applyHoldOverhead } from './apply-hold';
import { closeAccept } from './close-accept';
import { coldStart } from './cold-start';
import { drain } from './drain';
import { drainRemote } from './drain-remote';
import { firstRender } from './first-render';
import { inquiryOverhead } from './inquiry-overhead';
import type { Row } from './lib';
import { memoryGrowth } from './memory-growth';
import { metricsScrape } from './metrics-scrape';
import { rendererSize } from './renderer-size';
import { restartAfterKill } from './restart';
import { scanToCard } from './scan-to-card';
import { startup } from './startup';
import { topUpRefund } from './topup-refund';

export const benchmarks: Array<[string, () => Promise<Row[]>]> = [
  ['scan to card', () => scanToCard()],
  ['inquiry overhead', () => inquiryOverhead()],
  ['apply with a hold', () => applyHoldOverhead()],
  ['close accept', () => closeAccept()],
  ['top-up and refund accept', () => topUpRefund()],
  ['drain', () => drain()],
  ['drain, simulator in its own process', () => drainRemote()],
  ['start-up and memory', () => startup()],
  ['cold start', () => coldStart()],
  ['SIGKILL restart', () => restartAfterKill()],
  ['metrics scrape', () => metricsScrape()],
  ['memory growth', () => memoryGrowth()],
  ['first render', () => firstRender()],
  ['renderer size', () => rendererSize()],
];
