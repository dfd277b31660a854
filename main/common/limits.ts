// Limits the core and the screens must agree on.

/**
 * The longest code a scanner may send: bytes from a serial or HID scanner, characters typed at a
 * keyboard wedge. A gift card code is tens of bytes; anything longer is refused or dropped, never
 * kept growing.
 */
export const MAX_SCAN_BYTES = 4096;
