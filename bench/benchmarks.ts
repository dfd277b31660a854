// Every benchmark `npm run bench` runs, in order; each runs in its own process (see run.ts).
import { applyHoldOverhead } from './apply-hold';
import { closeAccept } from './close-accept';
import { drain } from './drain';
import { firstRender } from './first-render';
import { inquiryOverhead } from './inquiry-overhead';
import type { Row } from './lib';
import { memoryGrowth } from './memory-growth';
import { metricsScrape } from './metrics-scrape';
import { rendererSize } from './renderer-size';
import { scanToCard } from './scan-to-card';
import { startup } from './startup';

export const benchmarks: Array<[string, () => Promise<Row[]>]> = [
  ['scan to card', () => scanToCard()],
  ['inquiry overhead', () => inquiryOverhead()],
  ['apply with a hold', () => applyHoldOverhead()],
  ['close accept', () => closeAccept()],
  ['drain', () => drain()],
  ['start-up and memory', () => startup()],
  ['metrics scrape', () => metricsScrape()],
  ['memory growth', () => memoryGrowth()],
  ['first render', () => firstRender()],
  ['renderer size', () => rendererSize()],
];
