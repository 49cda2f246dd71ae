// China Standard Time is UTC+8 all year: a day there starts at 16:00 UTC of the day before.
import { cstDateTime, dayBefore, daysBefore, endOfDay, startOfDay, todayIso } from '../../schema/today';

it('reads today as Beijing does, from 16:00 UTC of the day before', () => {
  expect(todayIso(new Date('2026-12-02T15:59:59.999Z'))).toBe('2026-12-02');
  expect(todayIso(new Date('2026-12-02T16:00:00.000Z'))).toBe('2026-12-03');
});

it('gives the instants a Beijing day starts and ends', () => {
  expect(startOfDay('2026-12-03').toISOString()).toBe('2026-12-02T16:00:00.000Z');
  expect(endOfDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
});

it('counts calendar days across months and leap days', () => {
  expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  expect(daysBefore('2026-01-02', 3)).toBe('2025-12-30');
  expect(daysBefore('2026-01-02', -30)).toBe('2026-02-01');
});

it('prints an instant as Beijing wall-clock time', () => {
  expect(cstDateTime(new Date('2026-12-02T16:05:09.123Z'))).toBe('2026-12-03 00:05:09');
});
