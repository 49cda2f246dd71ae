// An enterprise's credit profile: the four categories as sections and all 39 indicators in
// catalogue order, each with its source agencies and disclosure level. What the caller may not see
// is shown as refused with the API's reason; repaired records and records past their public
// display window are marked. Lists are paged, so an enterprise with thousands of records stays
// quick to read.
import { useState } from 'react';
import { useQuery } from 'urql';
import { INDICATORS } from '../../../schema/catalogue/indicators';
import { ATTRIBUTE_LABELS, CATEGORY_LABELS } from '../../../schema/catalogue/labels';
import type { Category } from '../../../schema/catalogue/types';
import { readsMemberData } from '../auth/session';
import { useSession } from '../auth/session-context';
import { PURPOSES, usePurpose } from '../auth/purpose';
import { useLanguage } from '../i18n/language';
import { EnterpriseProfileDocument } from '../operations/profile.generated';
import { failureOf } from '../graphql/refusals';
import { regionName } from '../names';
import { PurposeDialog } from '../components/PurposeDialog';
import { IndicatorSection } from '../components/IndicatorSection';
import { ReportButton } from '../components/ReportButton';
import { ErrorMessage } from '../components/ErrorMessage';

const CATEGORIES: Category[] = ['IDENTITY', 'ADVERSE', 'REPUTATION', 'ECONOMIC'];
const CATEGORY_EN: Record<Category, string> = { IDENTITY: 'Basic identity', ADVERSE: 'Adverse behaviour', REPUTATION: 'Good reputation', ECONOMIC: 'Economic indicators' };

export default function ProfilePage({ uscc }: { uscc: string }) {
  const { t, language } = useLanguage();
  const { user } = useSession();
  const { purpose, choose } = usePurpose();
  // members are asked the purpose once per session; one who declines sees member data refused
  const [declined, setDeclined] = useState(false);
  const asking = readsMemberData(user) && !purpose && !declined;
  const [result] = useQuery({ query: EnterpriseProfileDocument, variables: { uscc }, pause: asking });
  const enterprise = result.data?.enterprise;
  // the indicators are rendered alike, each read by its field name
  const fields = enterprise as Readonly<Record<string, unknown>> | null | undefined;
  const failure = failureOf(result.error);
  const memberView = readsMemberData(user);
  // records per indicator code (indicators the caller may not read are absent)
  const summary = enterprise?.creditSummary;
  const counts = new Map(summary ? [...(summary.identity ?? []), ...(summary.adverse ?? []), ...(summary.reputation ?? []), ...(summary.economic ?? [])].map((c) => [c.indicator, c.count]) : []);
  const askAgain = () => {
    choose(undefined);
    setDeclined(false);
  };
  return (
    <article aria-labelledby="profile-heading" className="profile">
      {asking ? <PurposeDialog onChoose={choose} onCancel={() => setDeclined(true)} /> : null}
      <h1 id="profile-heading">{enterprise?.name ?? t.profileHeading}</h1>
      <p className="meta">
        <span className="code">{uscc}</span>
        {enterprise ? <span> · {regionName(enterprise.region)}</span> : null}
      </p>
      {user ? (
        <p className="purpose" data-testid="purpose">
          {t.purposeCurrent}
          {purpose ? PURPOSES.find((p) => p.code === purpose)?.description : '—'}{' '}
          <button type="button" className="link" onClick={askAgain}>
            {t.purposeChange}
          </button>
        </p>
      ) : null}
      {enterprise ? <ReportButton uscc={uscc} /> : null}
      {result.fetching ? <p role="status">{t.loading}</p> : null}
      <ErrorMessage message={failure} />
      {/* "no such enterprise" only from an answer without errors: a failed read says so instead */}
      {result.data && enterprise === null && !result.error ? <p>{t.notFound}</p> : null}
      {fields
        ? CATEGORIES.map((category) => (
            <section key={category} aria-labelledby={`category-${category}`} className="category">
              <h2 id={`category-${category}`}>{language === 'en' ? CATEGORY_EN[category] : CATEGORY_LABELS[category]}</h2>
              {INDICATORS.filter((i) => i.category === category).map((indicator) => (
                <IndicatorSection
                  key={indicator.code}
                  indicator={indicator}
                  uscc={uscc}
                  value={fields[indicator.field]}
                  total={counts.get(indicator.code)}
                  error={result.error}
                  memberView={memberView}
                  labels={language === 'en' ? undefined : ATTRIBUTE_LABELS}
                />
              ))}
            </section>
          ))
        : null}
    </article>
  );
}
