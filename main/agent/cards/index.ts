// Gift card numbers: normalising, checking against the configured scheme, masking.
export {
  checkCardNumber,
  luhnValid,
  maskCardNumber,
  normaliseKeyedCardNumber,
  type CardNumberProblem,
  type CardScheme,
} from './card-number';
