// What a watcher is told of a change: a withdrawal or a record leaving display is news only to an
// audience that could see the record just before; anyone else learns nothing, not even that it
// existed. Expectations written from the display windows of the spec (AD01: MINOR 3 months).
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

it('withholds the withdrawal of a minor penalty that had left public display from a bidding platform', () => {
  // decided in January 2025, public for 3 months, withdrawn in December 2026
  const event = penalty('WITHDRAWN', '2025-01-10', '2026-12-01T02:00:00Z');
  expect(viewFor(bidding, event, '2026-12-03')).toBeNull();
  // a member agency saw it (5 years): it hears of the withdrawal
  expect(viewFor(member, event, '2026-12-03')?.change).toBe('WITHDRAWN');
});

it('tells a bidding platform of a withdrawal of a penalty it could see on the day, even when read later', () => {
  const event = penalty('WITHDRAWN', '2026-11-20', '2026-11-25T02:00:00Z');
  expect(viewFor(bidding, event, '2027-06-01')?.attributes['decisionNo']).toBe('渝税罚〔2025〕1号');
});

it('tells of a record leaving display only an audience that saw it the day before', () => {
  // MINOR decided 2026-08-01: public for 3 months, up to 2026-10-31; it leaves display on 2026-11-01 (CST)
  expect(viewFor(bidding, penalty('LEFT_DISPLAY', '2026-08-01', '2026-10-31T17:00:00Z'), '2026-11-02')?.change).toBe('LEFT_DISPLAY');
  // a LEFT_DISPLAY event for a record that was not public the day before says nothing
  expect(viewFor(bidding, penalty('LEFT_DISPLAY', '2025-01-10', '2026-10-31T17:00:00Z'), '2026-11-02')).toBeNull();
});
