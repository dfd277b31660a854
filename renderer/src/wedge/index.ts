// Keyboard-wedge scanners in the window: the pure detector and the hook that wires it to the keyboard.
export { defaultWedgeSettings, GS, MAX_BURST, WedgeDetector, keyText } from './detector';
export type { BurstEnd, Decision, WedgeKey, WedgeSettings } from './detector';
export { useKeyboardWedge } from './useKeyboardWedge';
