// Editable wording of the document templates (per region). A template's fixed sentences are named
// slots with a default text; an administrator may replace a slot's text. Values from data enter a
// text only through named placeholders such as {项目}, replaced in one pass: an inserted value is
// never scanned again, so '{回复期限}' or '<b>' in the data is printed as it is.

export interface WordingSlot {
  /** What the administrator sees, e.g. '答复要求'. */
  label: string;
  /** Default text; {名称} marks a value filled from data. */
  text: string;
  /** Placeholders this slot may use, each with what it becomes. */
  vars?: Readonly<Record<string, string>>;
  /** Placeholders the text must keep: legal content such as a deadline or the applicant's rights. */
  required?: readonly string[];
  /** One item per line (e.g. a list of requirements). */
  list?: boolean;
}

export type WordingSlots = Readonly<Record<string, WordingSlot>>;
/** A region's replacements, by slot key. */
export type Wording = Readonly<Record<string, string>>;

export const WORDING_MAX = 1000;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const CONTROL = /[\p{Cc}\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Replaces each {name} with its value in one pass; an unknown name stays as written. */
export function fillPlaceholders(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(vars, name) ? vars[name]! : whole,
  );
}

/** The wording of one document: the region's text where set, the default otherwise. */
export function wordingOf<S extends WordingSlots>(slots: S, overrides?: Wording) {
  const raw = (key: keyof S & string) => {
    const own = overrides && Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    return own || slots[key]!.text;
  };
  return {
    text: (key: keyof S & string, vars: Readonly<Record<string, string>> = {}) =>
      fillPlaceholders(raw(key), vars),
    lines: (key: keyof S & string) =>
      raw(key)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
  };
}

/** Why a region's wording cannot be saved, by slot, in Chinese; empty when it can. */
export function wordingProblems(slots: WordingSlots, wording: Wording): { slot: string; message: string }[] {
  const problems: { slot: string; message: string }[] = [];
  for (const [key, text] of Object.entries(wording)) {
    const push = (message: string) => problems.push({ slot: key, message });
    const slot = Object.hasOwn(slots, key) ? slots[key] : undefined;
    if (!slot) {
      push(`没有名为“${key}”的措辞项。`);
      continue;
    }
    const name = `“${slot.label}”`;
    if (text.trim().length < 2 || text.length > WORDING_MAX) {
      push(`${name}应为 2–${WORDING_MAX} 个字。`);
      continue;
    }
    if (!slot.list && /[\r\n]/.test(text)) push(`${name}须为一段文字，不能换行。`);
    // Tabs, line/paragraph separators and other control characters break the 28-character grid.
    if (CONTROL.test(text.replace(/\r?\n/g, ''))) push(`${name}含有制表符或其他不可见的控制字符，请删除。`);
    const allowed = Object.keys(slot.vars ?? {});
    const used = new Set<string>();
    for (const m of text.matchAll(PLACEHOLDER)) {
      const v = m[1]!;
      if (allowed.includes(v)) used.add(v);
      else {
        const hint = allowed.length
          ? `可用的有：${allowed.map((a) => `{${a}}`).join('、')}`
          : '此项不含可替换内容';
        push(`${name}中的{${v}}不是可用的占位符（${hint}）。`);
      }
    }
    if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) {
      push(`${name}中的花括号须成对使用，如{${allowed[0] ?? '项目'}}。`);
    }
    for (const r of slot.required ?? []) {
      if (!used.has(r)) push(`${name}须保留占位符{${r}}（${slot.vars?.[r] ?? r}）。`);
    }
  }
  return problems;
}
