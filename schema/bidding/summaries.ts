// One line in Chinese per hit, for the procurement officer's file.
import { maskIdNumber } from '../identifiers';
import { asText } from '../text';

const SEVERITY_ZH: Readonly<Record<string, string>> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const STATUS_ZH: Readonly<Record<string, string>> = { ACTIVE: '存续', SUSPENDED: '停业', REVOKED: '吊销', DEREGISTERED: '注销', MOVED_OUT: '迁出' };
const GRADE_ZH: Readonly<Record<string, string>> = { SPECIAL: '特级', FIRST: '一级', SECOND: '二级', THIRD: '三级' };

type Data = Readonly<Record<string, unknown>>;
const s = (v: unknown): string => (v === undefined || v === null ? '—' : asText(v));

export const SUMMARIES: Readonly<Record<string, (d: Data, extra: { maskedId?: string; type?: string; minGrade?: string }) => string>> = {
  BR01: (d) => `投标人被列入失信被执行人名单（案号${s(d['caseNo'])}，${s(d['court'])}）`,
  BR02: (d, x) => `法定代表人（身份证号${s(x.maskedId)}）被列入失信被执行人名单（案号${s(d['caseNo'])}），任职受限`,
  BR03: (d) => `投标人被列入严重违法失信名单（${s(d['listedOn'])}列入，${s(d['listedBy'])}）`,
  BR04: (d) => `${s(d['announcedOn'])}公布重大税收违法失信案件（${s(d['caseNo'])}）`,
  BR05: (d) => `${s(d['banFrom'])}至${s(d['banUntil'])}禁止参加招投标及政府采购（${s(d['authority'])}）`,
  BR06: (d) => `投标人被列入拖欠农民工工资失信名单（${s(d['listedOn'])}列入）`,
  BR07: (d) => `经营状态为${STATUS_ZH[s(d['status'])] ?? s(d['status'])}，非存续（${s(d['effectiveOn'])}起）`,
  BR08: (_d, x) => `无投标日有效的${s(x.type)}${GRADE_ZH[s(x.minGrade)] ?? s(x.minGrade)}及以上资质证书`,
  BR09: (d) => `投标人被列入经营异常名录（${s(d['listedOn'])}列入）`,
  BR10: (d) => `${s(d['decidedOn'])}受到${SEVERITY_ZH[s(d['severity'])] ?? ''}行政处罚（${s(d['decisionNo'])}）`,
  BR11: (d) => `欠税未清缴（${s(d['taxType'])}${s(d['arrearsAmount'])}元，${s(d['announcedOn'])}公告）`,
  BR12: (d) => `${s(d['inspectedOn'])}产品质量抽查不合格（${s(d['product'])}）`,
};

export function maskedId(idNumber: unknown): string | undefined {
  return typeof idNumber === 'string' ? maskIdNumber(idNumber) : undefined;
}
