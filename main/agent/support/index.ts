// The support bundle: what IT sends to support, scrubbed of card numbers and secrets.
export { makeSupportBundle, scrub, type BundleInput, type BundleOperation } from './bundle';
