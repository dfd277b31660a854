// Top-ups and activations of gift cards at the till.
export { topUp, type TopUpDeps } from './topup';
