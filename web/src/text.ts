// Text helpers: finding an entity's names in a sentence whatever the case,
// diacritics or inflection, and cutting a document into segments by the
// code point offsets the API gives.

// foldChar maps one code point to one UTF-16 unit, so that indexes in the
// folded string are code point indexes of the original.
function foldChar(c: string): string {
  const base = c.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  const special: Record<string, string> = { "ł": "l", "ø": "o", "đ": "d", "ß": "s", "ı": "i" };
  const f = special[base] ?? base;
  return f.length === 1 ? f : "\uFFFD";
}

export function fold(s: string): string {
  return Array.from(s, foldChar).join("");
}

const letter = /[\p{L}\p{N}]/u;

export interface Range { start: number; end: number; cls: string }

// findMentions returns the code point ranges in sentence where one of the
// terms occurs at a word start. A term of four letters or more also takes up
// to four more letters of the word it starts (an inflected ending the
// aliases lack: Kraków → Krakowem). Overlaps keep the longer match.
export function findMentions(sentence: string, groups: { terms: string[]; cls: string }[]): Range[] {
  const cps = Array.from(sentence);
  const hay = fold(sentence);
  const found: Range[] = [];
  for (const g of groups) {
    const seen = new Set<string>();
    for (const term of g.terms) {
      const t = fold(term.trim());
      if (t.length < 2 || seen.has(t)) continue;
      seen.add(t);
      for (let i = hay.indexOf(t); i >= 0; i = hay.indexOf(t, i + 1)) {
        if (i > 0 && letter.test(cps[i - 1])) continue;
        let end = i + t.length;
        let extra = 0;
        while (end < cps.length && letter.test(cps[end]) && extra < 5) { end++; extra++; }
        if (extra > 0 && (t.length < 4 || extra > 4)) continue;
        found.push({ start: i, end, cls: g.cls });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) continue;
    out.push(r);
  }
  return out;
}

export interface Segment { text: string; marks: number[] }

// segments cuts text at the code point offsets of the spans; each segment
// lists the indexes of the spans covering it.
export function segments(text: string, spans: { start: number; end: number }[]): Segment[] {
  const cps = Array.from(text);
  const cuts = new Set<number>([0, cps.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(cps.length, s.start)));
    cuts.add(Math.max(0, Math.min(cps.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    if (a === b) continue;
    const marks: number[] = [];
    spans.forEach((s, i) => { if (s.start <= a && s.end >= b) marks.push(i); });
    out.push({ text: cps.slice(a, b).join(""), marks });
  }
  return out;
}

// Dates are ISO 8601, possibly partial ("2022", "2022-09"); padding makes
// them compare as strings, low or high end of the period.
export function dateLow(d: string): string { return (d + "-00-00").slice(0, 10); }
export function dateHigh(d: string): string { return (d + "-99-99").slice(0, 10); }
