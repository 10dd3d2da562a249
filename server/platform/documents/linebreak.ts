// CJK line breaking for the PDF renderer: break between any two CJK characters, keep runs of Latin
// letters/digits together when they fit, never drop a character, and keep closing punctuation off the
// start of a line and opening punctuation off its end (simple 禁则: the previous character moves down).

/** Punctuation that must not begin a line. */
export const NO_LINE_START = new Set([
  ...'，。、；：？！）》」』】〕〗〉”’…—·．,.;:?!)]}%％',
  '\u3001',
  '\uff09',
]);
/** Punctuation that must not end a line. */
export const NO_LINE_END = new Set([...'（《「『【〔〖〈“‘([{']);

export interface Cell {
  /** One grapheme cluster. */
  text: string;
  /** Advance including the line's base character spacing. */
  width: number;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

const WORD_RE = /^[A-Za-z0-9@#&_\-+/=.:%~'"]$/u;
const SPACE_RE = /^\s$/u;

/** Unbreakable units: a Latin word/number is one unit, every other grapheme is its own unit. */
function units(cells: readonly Cell[]): Cell[][] {
  const out: Cell[][] = [];
  let word: Cell[] = [];
  for (const c of cells) {
    if (WORD_RE.test(c.text)) {
      word.push(c);
      continue;
    }
    if (word.length > 0) out.push(word);
    word = [];
    out.push([c]);
  }
  if (word.length > 0) out.push(word);
  return out;
}

const sum = (cs: readonly Cell[]): number => cs.reduce((a, c) => a + c.width, 0);
const EPS = 0.01;

/**
 * Splits cells into lines: the first line may be `first` wide, the others `rest` wide. Returns index
 * ranges [start, end) into `cells`; every cell belongs to exactly one line.
 */
export function breakLines(cells: readonly Cell[], first: number, rest: number): [number, number][] {
  const us = units(cells).flatMap((u) => (sum(u) > Math.min(first, rest) + EPS ? u.map((c) => [c]) : [u]));
  const lines: Cell[][][] = [];
  let cur: Cell[][] = [];
  let curW = 0;
  const avail = (): number => (lines.length === 0 ? first : rest);
  for (const u of us) {
    const w = sum(u);
    const isSpace = u.length === 1 && SPACE_RE.test(u[0]!.text);
    if (cur.length === 0 || curW + w <= avail() + EPS || isSpace) {
      cur.push(u);
      curW += w;
      continue;
    }
    // u starts a new line; apply the simple 禁则 by moving units down from the current line.
    const carried: Cell[][] = [];
    const startsBad = (x: Cell[][]): boolean => NO_LINE_START.has(x[0]?.[0]?.text ?? '');
    const endsBad = (x: Cell[][]): boolean => NO_LINE_END.has(x.at(-1)?.at(-1)?.text ?? '');
    let next: Cell[][] = [u];
    for (let guard = 0; guard < 3 && cur.length > 1 && (startsBad(next) || endsBad(cur)); guard++) {
      const moved = cur.pop()!;
      carried.unshift(moved);
      next = [...carried, u];
    }
    lines.push(cur);
    cur = next;
    curW = sum(cur.flat());
  }
  if (cur.length > 0) lines.push(cur);
  const ranges: [number, number][] = [];
  let i = 0;
  for (const l of lines) {
    const n = l.flat().length;
    ranges.push([i, i + n]);
    i += n;
  }
  return ranges;
}
