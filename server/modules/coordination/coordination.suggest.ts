import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { scopeFor } from '../../platform/access/scope.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { departmentsNear, itemDepartments, precedents, type RequestRow } from './coordination.repo.ts';

// Triage help (DOMAIN.md workflow 3 step 2): which departments a request concerns, and which
// resolved requests looked like it (往后遇到类似问题可直接参照解决). Suggestions only: the
// coordinator decides.

/**
 * Words of an approval problem and the department whose remit they name. Department names vary by
 * place (资规局 / 自然资源和规划局); the keys match a fragment of the unit name.
 */
const REMIT: readonly { words: readonly string[]; unit: string }[] = [
  { words: ['发改', '立项', '备案', '核准', '节能', '可研', '可行性研究'], unit: '发展和改革' },
  { words: ['资规', '规划', '用地', '土地', '红线', '容积率', '出让', '不动产', '国土'], unit: '自然资源' },
  { words: ['环评', '环境影响', '排污', '环保', '噪声', '生态'], unit: '生态环境' },
  {
    words: ['住建', '施工许可', '施工图', '图审', '竣工', '质监', '建筑工程', '人防'],
    unit: '住房和城乡建设',
  },
  { words: ['消防'], unit: '消防' },
  { words: ['水利', '取水', '水土保持', '防洪', '河道', '排水'], unit: '水利' },
  { words: ['交通', '道路', '占道', '挖掘', '出入口'], unit: '交通运输' },
  { words: ['市场监管', '市监', '营业执照', '食品经营', '特种设备'], unit: '市场监督' },
  { words: ['应急', '危化', '危险化学品', '安全评价', '安评'], unit: '应急管理' },
  { words: ['卫健', '卫生', '职业病', '放射'], unit: '卫生健康' },
  { words: ['商务', '外资'], unit: '商务' },
];

// Item names end in the act, not the subject: '建设工程规划许可证核发' is found as '建设工程规划许可证'.
const ACT_SUFFIX = /(核发|审批|审查|备案|许可|核准|登记)+$/u;

export interface DepartmentSuggestion {
  id: number;
  name: string;
  score: number;
  reasons: string[];
}

function requestText(r: RequestRow) {
  const positions = (r.positions as { department: string; position: string }[]) ?? [];
  return [
    r.project_name,
    r.overview,
    r.problem,
    r.proposal,
    ...positions.map((p) => `${p.department} ${p.position}`),
  ].join('\n');
}

/** Departments of the request's region (and its city) that the request's words point to. */
export async function suggestDepartments(db: Db, r: RequestRow, precedentDepartments: Map<number, string[]>) {
  const text = requestText(r);
  const units = await departmentsNear(db, r.region_code);
  const items = await itemDepartments(db, r.region_code);
  const found = new Map<number, DepartmentSuggestion>();
  const add = (id: number, name: string, score: number, reason: string) => {
    const s = found.get(id) ?? { id, name, score: 0, reasons: [] };
    s.score += score;
    if (!s.reasons.includes(reason)) s.reasons.push(reason);
    found.set(id, s);
  };
  // Own-region units first: a county request goes to the county's department before the city's.
  const local = [...units].sort(
    (a, b) => Number(a.region_code !== r.region_code) - Number(b.region_code !== r.region_code),
  );
  for (const remit of REMIT) {
    const hits = remit.words.filter((w) => text.includes(w));
    if (!hits.length) continue;
    const u = local.find((x) => x.name.includes(remit.unit));
    if (u) add(Number(u.id), u.name, 2 * hits.length, `提到“${hits.slice(0, 3).join('、')}”`);
  }
  for (const i of items) {
    const subject = i.name.replace(ACT_SUFFIX, '');
    if (subject.length >= 4 && text.includes(subject)) {
      const u = units.find((x) => Number(x.id) === Number(i.department_id));
      if (u) add(Number(u.id), u.name, 3, `涉及事项“${i.name}”`);
    }
  }
  // A department named in the request: the own region's, not also the city's of the same name.
  const named = new Set<string>();
  for (const u of local) {
    const core = u.name.replace(/^.{2,3}?(区|市|县)/u, '');
    if (core.length >= 3 && text.includes(core) && !named.has(core)) {
      named.add(core);
      add(Number(u.id), u.name, 3, '申请中点名该部门');
    }
  }
  for (const [id, numbers] of precedentDepartments) {
    const u = units.find((x) => Number(x.id) === id);
    if (u) add(id, u.name, 1, `类似事项曾征询（${numbers.slice(0, 2).join('、')}）`);
  }
  return [...found.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Resolved requests ranked by Chinese full-text similarity (jieba words, then trigram fragments). */
/** The search words of a request: whole words of its project, problem and proposal. */
export function requestWords(r: Pick<RequestRow, 'project_name' | 'problem' | 'proposal'>) {
  return [...new Set(searchTokens(`${r.project_name} ${r.problem} ${r.proposal}`))].filter(
    (w) => w.length >= 2 && /^[\p{L}\p{N}]+$/u.test(w),
  );
}

export async function similarPrecedents(db: Db, principal: Principal, r: RequestRow, limit = 5) {
  const words = requestWords(r);
  if (!words.length || principal.kind !== 'staff') return [];
  return precedents(
    db,
    scopeFor(principal, 'coordination:read'),
    Number(r.id),
    words.slice(0, 60),
    r.problem.slice(0, 500),
    limit,
  );
}
