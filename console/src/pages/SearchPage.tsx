// Search by code or any part of the name, with a region filter and paging. The query and region
// live in the address, so a search can be bookmarked and Back returns to it.
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { SearchEnterprisesDocument } from '../gql/graphql';
import { useLanguage } from '../i18n/language';
import { Link, navigate, useLocation } from '../router';
import { indicatorName, REGION_OPTIONS, regionName } from '../names';
import { failureOf, refusalAt } from '../graphql/refusals';
import { Refused } from '../components/Refused';
import { Pager } from '../components/Pager';
import { ErrorMessage } from '../components/ErrorMessage';

const PAGE_SIZE = 20;

export function SearchPage() {
  const { t, language } = useLanguage();
  const params = useLocation().searchParams;
  const query = params.get('q') ?? '';
  const region = params.get('region') ?? '';
  const [text, setText] = useState(query);
  const [regionChoice, setRegionChoice] = useState(region);
  // cursors of the pages seen so far, for Previous
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const [result] = useQuery({
    query: SearchEnterprisesDocument,
    variables: { query, region: region || null, first: PAGE_SIZE, after: after ?? null },
    pause: query.trim() === '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (regionChoice) next.set('region', regionChoice);
    navigate(`/?${next.toString()}`);
  };
  const connection = result.data?.searchEnterprises;
  const failure = failureOf(result.error);
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">{t.searchHeading}</h1>
      <form className="search" role="search" onSubmit={submit}>
        <label>
          {t.searchLabel}
          <input name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} required maxLength={100} />
        </label>
        <label>
          {t.regionLabel}
          <select name="region" value={regionChoice} onChange={(e) => setRegionChoice(e.target.value)}>
            <option value="">{t.allRegions}</option>
            {REGION_OPTIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t.searchButton}</button>
      </form>
      {result.fetching ? <p role="status">{t.loading}</p> : null}
      <ErrorMessage message={failure} />
      {connection && connection.edges.length === 0 ? <p>{t.noResults}</p> : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <table className="results">
            <caption className="visually-hidden">{t.searchHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colUscc}</th>
                <th scope="col">{t.colRegion}</th>
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colAdverse}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }, i) => {
                const flagsRefused = refusalAt(result.error, ['searchEnterprises', 'edges', i, 'node', 'creditSummary']);
                const flags = node.creditSummary.activeAdverseFlags;
                return (
                  <tr key={node.uscc}>
                    <td>
                      <Link href={`/enterprise/${node.uscc}`}>{node.name}</Link>
                    </td>
                    <td className="code">{node.uscc}</td>
                    <td>{regionName(node.region)}</td>
                    <td>{node.operatingStatus ? (t.operatingStatus[node.operatingStatus.status] ?? node.operatingStatus.status) : '—'}</td>
                    <td data-testid="adverse-flags">
                      {flagsRefused ? (
                        <Refused refusal={flagsRefused} compact />
                      ) : flags ? (
                        flags.length > 0 ? (
                          `${flags.length}（${flags.map((code) => indicatorName(code, language)).join('、')}）`
                        ) : (
                          '0'
                        )
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            label={t.searchHeading}
            page={cursors.length}
            hasPrevious={cursors.length > 1}
            hasNext={connection.pageInfo.hasNextPage}
            onPage={(page) => setCursors((c) => (page < c.length ? c.slice(0, -1) : [...c, connection.pageInfo.endCursor ?? undefined]))}
          />
        </>
      ) : null}
    </section>
  );
}
