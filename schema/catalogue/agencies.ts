// Member agencies (联合征信成员单位). `levels` says whether city- and district-level units of it exist.
import type { Agency } from './types';

export const AGENCIES: readonly Agency[] = [
  { code: 'aic', nameZh: '市场监督管理局(工商)', nameEn: 'Market regulation (industry and commerce)', levels: ['city', 'district'] },
  { code: 'tax', nameZh: '税务局(原国税、地税)', nameEn: 'Tax bureau (former state and local tax)', levels: ['city', 'district'] },
  { code: 'hrss', nameZh: '人力资源和社会保障局', nameEn: 'Human resources and social security', levels: ['city', 'district'] },
  { code: 'court', nameZh: '人民法院', nameEn: "People's courts", levels: ['city', 'district'] },
  { code: 'quality', nameZh: '质量技术监督局', nameEn: 'Quality and technical supervision', levels: ['city', 'district'] },
  { code: 'housing', nameZh: '住房和城乡建设委员会', nameEn: 'Housing and urban-rural construction', levels: ['city', 'district'] },
  { code: 'customs', nameZh: '海关', nameEn: 'Customs', levels: ['city'] },
  { code: 'finance', nameZh: '财政局(政府采购)', nameEn: 'Finance bureau (public procurement)', levels: ['city', 'district'] },
  { code: 'env', nameZh: '生态环境局', nameEn: 'Ecology and environment', levels: ['city', 'district'] },
];
