// The demo's watch: the bidding platform's service account watches the adverse records of every
// enterprise of 渝中区 (500103), read through the pull feed (creditEvents). Its owner is the
// service account's fixed user id in auth/realm/credit-realm.json.
import type { MonitoringStore, Watch } from '../../storage/port';
import { INDICATORS } from '../../schema/catalogue';

export const BIDDING_PLATFORM_SUBJECT = '6b1d5e7a-2c4f-4e8b-9a3d-b1dd1e9f0001';
export const DEMO_WATCH_ID = 'w_demo-bidding-platform-500103';

/** Creates the demo watch unless it is there. */
export async function ensureDemoWatch(store: MonitoringStore): Promise<Watch> {
  const found = await store.findWatch(DEMO_WATCH_ID);
  if (found) return found;
  const watch: Watch = {
    id: DEMO_WATCH_ID,
    owner: { subject: BIDDING_PLATFORM_SUBJECT, agency: null, region: null, roles: ['credit-bidding'] },
    purpose: null,
    name: '渝中区投标人不良行为监测',
    endpoint: null,
    secret: null,
    region: '500103',
    indicators: INDICATORS.filter((i) => i.category === 'ADVERSE').map((i) => i.code),
    paused: false,
    createdAt: new Date(),
  };
  await store.createWatch(watch, []);
  return watch;
}
