// Gift cards as the till knows them: numbers (normalised, checked against the card scheme,
// masked), what is wrong with one in a cashier's words, the balance last heard of each, and the
// one inquiry path for scanned and keyed cards.
export {
  checkCardNumber,
  luhnValid,
  maskCardNumber,
  normaliseKeyedCardNumber,
  type CardNumberProblem,
  type CardScheme,
} from './card-number';
export { cardStatusWords, digitLengths, digitSpan, keyedCardProblem } from './wording';
export { BalanceBook, type KnownBalance } from './balances';
export {
  CardInquiry,
  type CardChoice,
  type CardInquiryDeps,
  type ResolvedCard,
  type ScannedCard,
} from './inquiry';
