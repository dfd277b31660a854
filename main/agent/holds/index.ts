// Holds on gift cards for open baskets (where Centegra Plus offers them), and their release.
export { centegraHoldSeconds, Holds, type HoldsDeps, type PlacedHold } from './service';
export type { HoldRecord, HoldState } from './rows';
