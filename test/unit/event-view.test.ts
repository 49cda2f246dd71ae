// What a watcher is told of a change: a withdrawal or a record leaving display is news only to an
// audience that could see the record just before; anyone else learns nothing, not even that it
// existed. Expectations written from the display windows of the spec (AD01 under the 2026 repair
// rules: MINOR not displayed, GENERAL 1 year; the superseded rules showed MINOR for 3 months).
import { viewFor } from '../../monitoring/event-view';
import type { ChangeEvent, Watch } from '../../storage/port';

const watch = (roles: string[], purpose: string | null): Watch => ({
  id: 'w_1',
  owner: { subject: 's', agency: roles.includes('credit-member') ? 'aic' : null, region: null, roles },
  purpose,
  name: null,
  endpoint: null,
  secret: null,
  region: null,
  indicators: null,
  paused: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
});
const bidding = watch(['credit-bidding'], null);
const member = watch(['credit-member'], 'SUPERVISION');

const penalty = (change: ChangeEvent['change'], decidedOn: string, at: string): ChangeEvent => ({
  id: 'ev_1',
  at: new Date(at),
  uscc: '91500000000000000X',
  ind: 'AD01',
  recordId: 'r_1',
  change,
  agency: 'tax',
  agencyRegion: '500000',
  data: { decisionNo: '渝税罚〔2025〕1号', decidedOn, authority: '税务局', violation: '逾期申报', basis: '税收征管法', penaltyTypes: ['WARNING'], severity: 'MINOR' },
  repairedOn: null,
});

const general = (change: ChangeEvent['change'], decidedOn: string, at: string): ChangeEvent => ({
  ...penalty(change, decidedOn, at),
  data: { ...penalty(change, decidedOn, at).data, severity: 'GENERAL' },
});

it('withholds the withdrawal of a minor penalty that had left public display from a bidding platform', () => {
  // decided in January 2025, never public under today's rules (nor still under the superseded 3 months), withdrawn in December 2026
  const event = penalty('WITHDRAWN', '2025-01-10', '2026-12-01T02:00:00Z');
  expect(viewFor(bidding, event, '2026-12-03')).toBeNull();
  // a member agency saw it (5 years): it hears of the withdrawal
  expect(viewFor(member, event, '2026-12-03')?.change).toBe('WITHDRAWN');
});

it('tells a bidding platform of a withdrawal of a penalty it could see on the day, even when read later', () => {
  const event = general('WITHDRAWN', '2026-11-20', '2026-11-25T02:00:00Z');
  expect(viewFor(bidding, event, '2027-06-01')?.attributes['decisionNo']).toBe('渝税罚〔2025〕1号');
});

it('tells of a record leaving display only an audience that saw it the day before', () => {
  // GENERAL decided 2025-11-01: public for 1 year, up to 2026-10-31; it leaves display on 2026-11-01 (CST)
  expect(viewFor(bidding, general('LEFT_DISPLAY', '2025-11-01', '2026-10-31T17:00:00Z'), '2026-11-02')?.change).toBe('LEFT_DISPLAY');
  // a LEFT_DISPLAY event for a record that was not public the day before, under either rules, says nothing
  expect(viewFor(bidding, penalty('LEFT_DISPLAY', '2025-01-10', '2026-10-31T17:00:00Z'), '2026-11-02')).toBeNull();
});

it('tells a bidding platform of a record the new rules took out of display, which the superseded ones showed', () => {
  // GENERAL decided 13 months before: public under the superseded 3 years, not under today's 1 year
  expect(viewFor(bidding, general('LEFT_DISPLAY', '2025-10-01', '2026-11-01T17:00:00Z'), '2026-11-02')?.change).toBe('LEFT_DISPLAY');
  // a MINOR one decided last month: shown for 3 months before, never now
  expect(viewFor(bidding, penalty('LEFT_DISPLAY', '2026-10-10', '2026-11-01T17:00:00Z'), '2026-11-02')?.change).toBe('LEFT_DISPLAY');
});

it('tells an enterprise watching as itself of its own record only, as it is bound now, and of nothing by region', () => {
  const own = (enterprise: string, region: string | null = null): Watch => ({
    ...watch(['credit-subject'], null),
    owner: { subject: 's', agency: null, region: null, roles: ['credit-subject'], enterprise },
    region,
  });
  // MINOR: never public, but the enterprise sees its own record whole
  const event = penalty('REPAIR_APPLIED', '2026-11-20', '2026-11-25T02:00:00Z');
  expect(viewFor(own('91500000000000000X'), event, '2026-11-25')?.attributes['severity']).toBe('MINOR');
  // re-bound to another enterprise since the watch was made: nothing of the first one
  expect(viewFor(own('915001020000000007'), event, '2026-11-25')).toBeNull();
  // a region watch made with roles the account no longer holds says nothing
  expect(viewFor(own('91500000000000000X', '500103'), event, '2026-11-25')).toBeNull();
  // a bidding platform hears nothing of a repair application
  expect(viewFor(bidding, general('REPAIR_APPLIED', '2026-11-20', '2026-11-25T02:00:00Z'), '2026-11-25')).toBeNull();
});
