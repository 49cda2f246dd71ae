// One indicator of a profile: its name, source agencies and disclosure level, then its records
// (a page at a time; further pages are fetched when asked for) or the reason it is refused.
import { useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { IndicatorSpec } from '../../../schema/catalogue/types';
import { isVisible } from '../../../schema/display-windows';
import { valueLabel } from '../../../schema/catalogue/enum-labels';
import { SUBGRAPH_OF } from '../../../schema/catalogue';
import { useLanguage } from '../i18n/language';
import { agencyName, regionName } from '../names';
import { partState, refusalAt, type Path } from '../graphql/refusals';
import { MORE_RECORDS, PROFILE_PAGE_SIZE } from '../operations/profile.generated';
import { Refused } from './Refused';
import { Pager } from './Pager';
import { todayIso } from '../../../schema/today';

type RecordData = Readonly<Record<string, unknown>>;

interface Page {
  readonly records: readonly RecordData[];
  readonly error?: CombinedError;
  /** Where the page's records sit in its own response. */
  readonly path: Path;
}

const SHOWN_PER_PAGE = 10;
const RECORD_META = new Set(['id', 'agency', 'agencyRegion', 'receivedAt', 'repairedOn', '__typename']);

/** The record's attributes in the catalogue's order, then any the catalogue does not list. */
function attributeOrder(indicator: IndicatorSpec, record: RecordData): string[] {
  const listed = indicator.attributes.map((a) => a.name).filter((name) => name in record);
  return [...listed, ...Object.keys(record).filter((name) => !RECORD_META.has(name) && !listed.includes(name))];
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(formatValue).join('、');
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

export function IndicatorSection(props: {
  indicator: IndicatorSpec;
  uscc: string;
  value: unknown;
  /** How many records the indicator holds for this enterprise, when the credit summary says. */
  total: number | undefined;
  error: CombinedError | undefined;
  memberView: boolean;
  labels: Readonly<Record<string, string>> | undefined;
}) {
  const { indicator, uscc, memberView, labels } = props;
  const { t, language } = useLanguage();
  const client = useClient();
  const path: Path = ['enterprise', indicator.field];
  const first: Page = { records: Array.isArray(props.value) ? (props.value as RecordData[]) : props.value ? [props.value as RecordData] : [], error: props.error, path };
  const [more, setMore] = useState<Page[]>([]);
  const [shown, setShown] = useState(1);
  const [loading, setLoading] = useState(false);
  const pages = [first, ...more];
  const all = pages.flatMap((p) => p.records.map((record, index) => ({ record, page: p, index })));
  const lastPage = pages[pages.length - 1];
  const moreDocument = (MORE_RECORDS as Record<string, (typeof MORE_RECORDS)[keyof typeof MORE_RECORDS] | undefined>)[indicator.field];
  // more pages exist when the summary counts more than are loaded (or, without a count, the last page was full)
  const mayFetchMore = moreDocument !== undefined && lastPage !== undefined && (props.total !== undefined ? all.length < props.total : lastPage.records.length === PROFILE_PAGE_SIZE);
  // the whole indicator refused or not read: "no records" is said only of a part that was read
  const state = partState(props.error, path, props.value, SUBGRAPH_OF[indicator.category]);
  const wholeRefusal = state.kind === 'records' ? undefined : state.refusal;
  const pageCount = Math.max(1, Math.ceil(all.length / SHOWN_PER_PAGE));
  const visible = all.slice((shown - 1) * SHOWN_PER_PAGE, shown * SHOWN_PER_PAGE);
  const today = todayIso();

  const fetchMore = async () => {
    const last = lastPage?.records[lastPage.records.length - 1];
    if (!moreDocument || !last) return;
    setLoading(true);
    const result = await client.query(moreDocument, { uscc, after: String(last['id']) }).toPromise();
    setLoading(false);
    const records = ((result.data?.enterprise as Record<string, unknown> | null | undefined)?.[indicator.field] as RecordData[] | null | undefined) ?? [];
    setMore((m) => [...m, { records, error: result.error, path }]);
  };

  // the page after the last one loaded is fetched first (20 records, two pages of 10)
  const goTo = async (page: number) => {
    if (page > pageCount && mayFetchMore) await fetchMore();
    setShown(page);
  };

  const headingId = `indicator-${indicator.code}`;
  return (
    <section className="indicator" aria-labelledby={headingId} data-indicator={indicator.code}>
      <h3 id={headingId}>
        <span className="code">{indicator.code}</span> {language === 'en' ? indicator.nameEn : indicator.nameZh}
      </h3>
      <p className="indicator-meta">
        <span>
          {t.sourceAgencies}: {indicator.sources.map((s) => agencyName(s, language)).join('、')}
        </span>
        <span className={`disclosure disclosure-${indicator.disclosure}`}>
          {t.disclosure}: {t.disclosureLevel[indicator.disclosure]}
        </span>
      </p>
      {wholeRefusal ? (
        <p>
          <Refused refusal={wholeRefusal} />
        </p>
      ) : all.length === 0 ? (
        <p className="empty">{t.noRecords}</p>
      ) : (
        <>
          {(props.total ?? all.length) > 1 ? (
            <p className="count" data-testid="record-count">
              {t.records(props.total ?? all.length)}
            </p>
          ) : null}
          <ol className="records">
            {visible.map(({ record, page, index }) => {
              const recordPath: Path = Array.isArray(props.value) || page !== first ? [...page.path, index] : page.path;
              const repairedOn = typeof record['repairedOn'] === 'string' ? record['repairedOn'] : undefined;
              const hiddenFromPublic = memberView && indicator.category === 'ADVERSE' && !isVisible('PUBLIC', indicator, { data: record, ...(repairedOn ? { repairedOn } : {}) }, today);
              return (
                <li key={String(record['id'])} className="record">
                  <p className="record-meta">
                    {agencyName(formatValue(record['agency']), language)} · {regionName(formatValue(record['agencyRegion']))}
                    {repairedOn ? <span className="mark repaired">{t.repaired(repairedOn)}</span> : null}
                    {hiddenFromPublic ? <span className="mark window">{t.outsidePublicWindow}</span> : null}
                  </p>
                  <dl>
                    {attributeOrder(indicator, record).map((name) => {
                      const refusal = record[name] === null ? refusalAt(page.error, [...recordPath, name]) : undefined;
                      // a RESTRICTED attribute another agency's member sees in masked form
                      const value = record[name];
                      const masked = typeof value === 'string' && value.includes('*') && indicator.attributes.some((a) => a.name === name && a.maskedForMembers);
                      return (
                        <div key={name} className="attribute">
                          <dt>{labels?.[name] ?? name}</dt>
                          <dd data-attribute={name}>
                            {refusal ? <Refused refusal={refusal} /> : formatValue(valueLabel(indicator, name, value, language === 'en' ? 'en' : 'zh'))}
                            {masked ? <span className="mark window">{t.masked}</span> : null}
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                </li>
              );
            })}
          </ol>
          <Pager
            label={language === 'en' ? indicator.nameEn : indicator.nameZh}
            page={shown}
            busy={loading}
            hasPrevious={shown > 1}
            hasNext={shown < pageCount || mayFetchMore}
            onPage={(page) => void goTo(page)}
          />
        </>
      )}
    </section>
  );
}
