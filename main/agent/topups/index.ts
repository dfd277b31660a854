// Top-ups and activations of gift cards at the till: durable, exactly once, voidable.
export { topUpsCsv } from './csv';
export { TopUps, type TopUpDeps, type TopUpInput, type TopUpOperation } from './topup';
