// The screens' words in Welsh (cy-GB). Written for a Welsh-speaking cashier, in plain everyday
// Welsh; A NATIVE SPEAKER SHOULD REVIEW THESE FILES BEFORE RELEASE (mutations after numbers above
// all). Plurals use Welsh's six categories (zero, one, two, few, many, other): a noun after a
// number stays singular ("3 gwerthiant"), and "dau" softens it ("2 werthiant").
import type { MessageId } from './en-GB';
import { common } from './messages/common.cy-GB';
import { errors } from './messages/errors.cy-GB';
import { manager } from './messages/manager.cy-GB';
import { money } from './messages/money.cy-GB';
import { scanners } from './messages/scanners.cy-GB';
import { settings } from './messages/settings.cy-GB';
import { till } from './messages/till.cy-GB';

export const cyGB: Record<MessageId, string> = {
  ...common,
  ...till,
  ...errors,
  ...scanners,
  ...settings,
  ...manager,
  ...money,
};
