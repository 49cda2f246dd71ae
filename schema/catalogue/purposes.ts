// Query purposes (查询事由) a caller states before reading MEMBER or RESTRICTED data: the code sent
// in the x-query-purpose header and its description.
export const QUERY_PURPOSES = {
  SUPERVISION: '日常监管 routine supervision',
  LAW_ENFORCEMENT: '行政执法 administrative enforcement, inspections and cases',
  ADMINISTRATIVE_APPROVAL: '行政审批 licensing and approvals',
  PUBLIC_PROCUREMENT: '招投标与政府采购 bidding and public procurement',
  JOINT_PUNISHMENT: '联合奖惩 joint rewards and punishments',
  COMMENDATION_REVIEW: '评优评先 review before honours and awards',
  CREDIT_REPAIR: '信用修复 credit repair',
  DATA_QUALITY: '数据质量 data-quality review by the credit administration',
} as const;
