// Baskets' arithmetic: gift card tenders, what is due, whether a close adds up. Pure.
export {
  amountToTake,
  closeProblem,
  dueMinor,
  linesProblem,
  sumMinor,
  trimToTotal,
  type Line,
  type TenderAmount,
} from './split';
