// The printed credit report: an A4 PDF in Chinese (pdfkit, with the font subset and embedded),
// sections in the catalogue's order, a refused part said to be not shown at this level, and a
// footer on every page with the report number, page numbers and a QR code of the verification URL.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AGENCIES, REGIONS, type IndicatorSpec } from '../schema/catalogue';
import { valueLabel } from '../schema/catalogue/enum-labels';
import { ATTRIBUTE_LABELS, CATEGORY_LABELS } from '../schema/catalogue/labels';
import { QUERY_PURPOSES } from '../auth/purpose';
import type { ReportContent, ReportSection } from './report-content';
import type { ReportVersion } from './signing';
import type { DomainFinding, SpecialScope } from './special-report';
import { asText } from '../schema/text';
import { cstDateTime, lastDayBefore, todayIso } from '../schema/today';

export interface QueryRecordRow {
  readonly agency: string | null;
  readonly purpose: string | null;
  readonly count: number;
  readonly last: Date;
}

export interface ReportHeader {
  readonly number: string;
  readonly version: ReportVersion;
  readonly queriedAt: Date;
  readonly issuedAt: Date;
  readonly issuer: { readonly agency: string | null; readonly region: string };
  readonly requester: { readonly agency: string | null; readonly purpose: string | null };
  readonly kid: string;
  readonly verifyUrl: string;
}

export interface ReportDocumentInput {
  readonly header: ReportHeader;
  readonly content: ReportContent;
  /** Who queried the enterprise in the last 12 months; null where this version does not show it. */
  readonly queryRecord: readonly QueryRecordRow[] | null;
  readonly fontPath: string;
  /** The face to use when the font file is a collection (.ttc). */
  readonly fontFamily?: string;
  /** A special credit report: its scope and what it found per domain, printed in place of the sections. */
  readonly special?: { readonly scope: SpecialScope; readonly findings: readonly DomainFinding[] };
}

const VERSION_LABELS: Readonly<Record<ReportVersion, string>> = { PUBLIC: '公开版', MEMBER: '会员版', FULL: '完整版', SUBJECT: '自查版', SPECIAL: '专项版', CHECK: '核查记录' };
const DISCLOSURE_LABELS = { PUBLIC: '公开', MEMBER: '会员共享', RESTRICTED: '授权查询' } as const;
const NOT_SHOWN = '〔本版本不显示〕';
const agencyName = (code: string | null) => (code ? (AGENCIES.find((a) => a.code === code)?.nameZh ?? code) : '—');
const regionName = (code: string) => REGIONS.find((r) => r.code === code)?.name ?? code;
const purposeName = (p: string | null) => (p ? (QUERY_PURPOSES[p as keyof typeof QUERY_PURPOSES]?.split(' ')[0] ?? p) : '—');

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return asText(value);
}

const MARGIN = { top: 56, bottom: 80, left: 56, right: 56 };

/** An A4 document in the embedded Chinese font, collected into one buffer when it ends. */
function openDocument(font: { fontPath: string; fontFamily?: string }, title: string, header: ReportHeader, subject?: string) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: `${title} ${header.number}`, Author: '公共信用信息平台', ...(subject ? { Subject: subject } : {}), Keywords: header.number, CreationDate: header.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('zh', font.fontPath, font.fontFamily);
  doc.font('zh');
  return { doc, ended, width: doc.page.width - MARGIN.left - MARGIN.right };
}

export async function renderReport(input: ReportDocumentInput): Promise<Buffer> {
  const { header, content, special } = input;
  const title = special ? '专项信用报告' : '企业信用报告';
  const { doc, ended, width } = openDocument(input, title, header, `${content.name} ${content.uscc}`);

  doc.fontSize(20).text(title, { align: 'center' });
  doc.fontSize(12).text(VERSION_LABELS[header.version], { align: 'center' }).moveDown(0.8);
  const facts: [string, string][] = [
    ['报告编号', header.number],
    ['企业名称', content.name],
    ['统一社会信用代码', content.uscc],
    ['查询时间', `${cstDateTime(header.queriedAt)}（北京时间）`],
    ['报告时间', `${cstDateTime(header.issuedAt)}（北京时间）`],
    ['出具单位', `${header.issuer.agency ? agencyName(header.issuer.agency) : '公共信用信息平台'}（${regionName(header.issuer.region)}）`],
    ['报告版本', VERSION_LABELS[header.version]],
  ];
  if (header.requester.agency) facts.push(['查询机构', agencyName(header.requester.agency)]);
  if (header.requester.purpose) facts.push(['查询事由', purposeName(header.requester.purpose)]);
  if (special) {
    facts.push(['报告期间', `${special.scope.from} 至 ${special.scope.to}`]);
    facts.push(['涵盖领域', special.findings.map((f) => f.domain.nameZh).join('、')]);
  }
  facts.push(['签名密钥', header.kid]);
  doc.fontSize(10);
  for (const [label, value] of facts) doc.text(`${label}：${value}`);
  doc
    .moveDown(0.5)
    .fontSize(8)
    .fillColor('#444')
    .text(`本报告由公共信用信息平台依据各成员单位报送的信息生成，内容以报告时间的记录为准。真伪可凭报告编号及本文件或其 SHA-256 摘要在 ${header.verifyUrl} 验证。`, { width });
  doc.fillColor('black').moveDown(1);

  if (special) renderFindings(doc, special.findings, header.version, width);
  else {
    let category = '';
    for (const section of content.sections) {
      if (section.indicator.category !== category) {
        category = section.indicator.category;
        doc.moveDown(0.5).fontSize(14).text(CATEGORY_LABELS[section.indicator.category]).moveDown(0.3);
      }
      renderSection(doc, section, header.version, width);
    }

    doc.moveDown(0.5).fontSize(14).text('查询记录（近 12 个月）').moveDown(0.3).fontSize(9);
    if (input.queryRecord === null) doc.text(`${NOT_SHOWN}查询记录只在会员版和完整版中显示。`);
    else if (input.queryRecord.length === 0) doc.text('近 12 个月无查询记录。');
    else for (const row of input.queryRecord) doc.text(`${agencyName(row.agency)}　事由：${purposeName(row.purpose)}　次数：${row.count}　最近：${cstDateTime(row.last).slice(0, 10)}`);
  }

  await footers(doc, header);
  doc.end();
  return ended;
}

function renderSection(doc: PDFKit.PDFDocument, section: ReportSection, version: ReportVersion, width: number): void {
  const ind = section.indicator;
  doc.fontSize(11).text(`${ind.code} ${ind.nameZh}`);
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(`来源：${ind.sources.map(agencyName).join('、')}；公开级别：${DISCLOSURE_LABELS[ind.disclosure]}`, { width });
  doc.fillColor('black').fontSize(9);
  if (section.records === null) {
    doc.text(`${NOT_SHOWN}${section.refused?.message ?? ''}`, { width }).moveDown(0.4);
    return;
  }
  if (section.records.length === 0) {
    doc.text('无记录', { width }).moveDown(0.4);
    return;
  }
  section.records.forEach((record, i) => {
    doc.text(`${i + 1}. ${recordLine(ind, record, version, section.refusedAttributes)}`, { width, paragraphGap: 2 });
  });
  doc.text(`共 ${section.records.length} 条`, { width }).moveDown(0.4);
}

/** One record as printed: its marks (repair, objection), attributes, source and the enterprise's statement. */
function recordLine(ind: IndicatorSpec, record: Record<string, unknown>, version: ReportVersion, refusedAttributes: ReadonlyMap<string, unknown>): string {
  const parts = Object.entries(record)
    .filter(([k]) => !['id', 'agency', 'agencyRegion', 'repairedOn', 'objection', 'statement'].includes(k))
    .map(([k, v]) => `${ATTRIBUTE_LABELS[k] ?? k}：${refusedAttributes.has(k) && (v === null || v === undefined) ? NOT_SHOWN : valueText(valueLabel(ind, k, v))}`);
  const repaired = version !== 'PUBLIC' && record['repairedOn'] ? `【已信用修复 ${valueText(record['repairedOn'])}】` : '';
  const source = `（${agencyName(typeof record['agency'] === 'string' ? record['agency'] : null)}报送）`;
  return `${repaired}${objectionMark(record['objection'])}${parts.join('；')}${source}${statementLine(record['statement'])}`;
}

/**
 * A special report's body: each domain with its records in the period, or that none were recorded,
 * or that this system does not hold it (a domain not held is never stated as clean).
 */
function renderFindings(doc: PDFKit.PDFDocument, findings: readonly DomainFinding[], version: ReportVersion, width: number): void {
  findings.forEach((finding, i) => {
    doc
      .moveDown(0.5)
      .fontSize(12)
      .text(`${i + 1}. ${finding.domain.nameZh}`)
      .fontSize(9);
    if (finding.domain.note) doc.fontSize(8).fillColor('#555').text(`说明：${finding.domain.note}`, { width }).fillColor('black').fontSize(9);
    if (finding.status === 'NOT_COVERED') {
      doc.text(`〔不在本系统归集范围〕${finding.domain.notHeld ?? ''}；本报告对该领域不作说明，不构成无违法违规记录的证明。`, { width });
      return;
    }
    if (finding.status === 'NONE') {
      doc.text('报告期内，本系统未记录该领域的违法违规信息。', { width });
      return;
    }
    finding.records.forEach(({ indicator, record, refusedAttributes }, n) => {
      doc.text(`(${n + 1}) ${indicator.code} ${indicator.nameZh}：${recordLine(indicator, record, version, refusedAttributes)}`, { width, paragraphGap: 2 });
    });
    doc.text(`共 ${finding.records.length} 条`, { width });
  });
}

/**
 * The objection mark (异议标注, 《征信业管理条例》 art. 25): a record under objection says so, with
 * its dates; one that could not be verified keeps the mark. A corrected or confirmed one has none.
 */
export function objectionMark(value: unknown): string {
  const o = value as { status?: unknown; filedAt?: unknown; dueAt?: unknown } | null | undefined;
  if (o?.status === 'OPEN') {
    const filed = typeof o.filedAt === 'string' ? todayIso(new Date(o.filedAt)) : '';
    const due = typeof o.dueAt === 'string' ? lastDayBefore(new Date(o.dueAt)) : '';
    return `【异议处理中：${filed}提出，${due}前答复】`;
  }
  if (o?.status === 'UNVERIFIABLE') return '【异议标注：经核查无法确认】';
  return '';
}

/** The enterprise's statement (本人声明): its text where the reader may read it, else that there is one. */
export function statementLine(value: unknown): string {
  const st = value as { text?: unknown } | null | undefined;
  if (!st) return '';
  return typeof st.text === 'string' ? `【本人声明：${st.text}】` : '【有本人声明】';
}

/** A credit check as kept (creditCheckResult), as the printed record reads it. */
export interface CheckContent {
  readonly id: string;
  readonly scenario: string;
  readonly asOf: string;
  readonly reference: string | null;
  readonly ruleSetVersion: string;
  readonly checkedAt: string;
  readonly results: readonly {
    readonly uscc: string;
    readonly name: string | null;
    readonly verdict: string;
    readonly problem: string | null;
    readonly measures: readonly {
      readonly code: string;
      readonly name: string;
      readonly kind: string;
      readonly legalBasis: string;
      readonly evidence: readonly { readonly recordId: string | null; readonly summary: string }[];
    }[];
  }[];
  readonly relatedParties: readonly { readonly kind: string; readonly sharedParty: string; readonly usccs: readonly string[] }[];
}

const CHECK_VERDICTS: Readonly<Record<string, string>> = { EXCLUDED: '禁止', RESTRICTED: '限制', SCRUTINY: '重点审查', CLEAR: '无限制', NOT_FOUND: '未查到该企业' };
const RELATED_KINDS: Readonly<Record<string, string>> = { LEGAL_REPRESENTATIVE: '同一法定代表人', KEY_PERSON: '同一主要人员', SHAREHOLDER: '同一股东', ADDRESS: '同一注册地址' };

/** The printed record of a credit check (联合奖惩核查记录): the check as answered, signed, with the footer of every report. */
export async function renderCheckReport(input: { header: ReportHeader; check: CheckContent; fontPath: string; fontFamily?: string }): Promise<Buffer> {
  const { header, check } = input;
  const { doc, ended, width } = openDocument(input, '联合奖惩核查记录', header);
  doc.fontSize(20).text('联合奖惩核查记录', { align: 'center' }).moveDown(0.8).fontSize(10);
  const facts: [string, string][] = [
    ['报告编号', header.number],
    ['核查编号', check.id],
    ['应用场景', check.scenario],
    ['核查日期', check.asOf],
    ['业务编号', check.reference ?? '—'],
    ['规则版本', check.ruleSetVersion],
    ['核查时间', `${cstDateTime(new Date(check.checkedAt))}（北京时间）`],
    ['打印时间', `${cstDateTime(header.issuedAt)}（北京时间）`],
    ['出具单位', `${agencyName(header.issuer.agency)}（${regionName(header.issuer.region)}）`],
    ['签名密钥', header.kid],
  ];
  for (const [label, value] of facts) doc.text(`${label}：${value}`);
  doc.moveDown(0.5).fontSize(8).fillColor('#444').text(`本记录为核查时的结论，此后记录的更正、撤回或修复不改变其内容。真伪可凭报告编号在 ${header.verifyUrl} 验证。`, { width });
  doc.fillColor('black').moveDown(0.8);
  check.results.forEach((r, i) => {
    doc.fontSize(10).text(`${i + 1}. ${r.name ?? '—'}（${r.uscc}）：${CHECK_VERDICTS[r.verdict] ?? r.verdict}${r.problem ? `（${r.problem}）` : ''}`, { width });
    doc.fontSize(9);
    for (const m of r.measures) doc.text(`　· ${m.name}【${m.legalBasis}】${m.evidence.map((e) => e.summary).join('；')}`, { width });
  });
  if (check.relatedParties.length > 0) {
    doc.moveDown(0.5).fontSize(12).text('关联关系提示').fontSize(9);
    for (const g of check.relatedParties) doc.text(`${RELATED_KINDS[g.kind] ?? g.kind}：${g.sharedParty}（${g.usccs.join('、')}）`, { width });
  }
  await footers(doc, header);
  doc.end();
  return ended;
}

/** Number, page x of n and a QR code of the verification URL at the foot of every page. */
async function footers(doc: PDFKit.PDFDocument, header: ReportHeader): Promise<void> {
  const qr = QRCode.create(header.verifyUrl, { errorCorrectionLevel: 'M' });
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width: pageWidth, height: pageHeight } = doc.page;
    // writing below the bottom margin must not open a new page
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const size = 48;
    const top = pageHeight - MARGIN.bottom + 14;
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(`报告编号 ${header.number}　第 ${i - start + 1} 页 / 共 ${count} 页`, MARGIN.left, top, { width: pageWidth - MARGIN.left - MARGIN.right - size - 10, lineBreak: false });
    doc.text(`验证：${header.verifyUrl}`, MARGIN.left, top + 14, { width: pageWidth - MARGIN.left - MARGIN.right - size - 10, lineBreak: false });
    const cell = size / qr.modules.size;
    const left = pageWidth - MARGIN.right - size;
    for (let row = 0; row < qr.modules.size; row++) for (let col = 0; col < qr.modules.size; col++) if (qr.modules.get(row, col)) doc.rect(left + col * cell, top + row * cell, cell, cell);
    doc.fill('#000');
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
