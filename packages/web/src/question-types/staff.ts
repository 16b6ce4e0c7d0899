// The staff parts of the question types (builder defaults, staff entry fields, answer detail):
// one line per type folder (`<type>/staff.ts`, no React). The mapped type makes a missing one a
// compile error.

import { constant_sum } from './constant_sum/staff';
import { contact } from './contact/staff';
import { csat } from './csat/staff';
import { date } from './date/staff';
import { kano } from './kano/staff';
import { matrix } from './matrix/staff';
import { multiple } from './multiple/staff';
import { number } from './number/staff';
import { rating } from './rating/staff';
import { scale } from './scale/staff';
import { servqual } from './servqual/staff';
import { single } from './single/staff';
import type { TStaffTypes } from './staff-kit';
import { text } from './text/staff';
import { value } from './value/staff';

export const STAFF_TYPES: TStaffTypes = {
  rating,
  csat,
  scale,
  servqual,
  constant_sum,
  kano,
  value,
  single,
  multiple,
  matrix,
  text,
  number,
  contact,
  date,
};
