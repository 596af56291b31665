/**
 * Finds the corpus entries (and the article within a law) that best support a sentence, for the
 * "cite a source" quick fix: words shared with statements' figures, quotes and summaries and with
 * articles' duties, with a strong bonus when a figure in the sentence is a figure of the entry.
 */
import type { Entry } from '../corpus/model.js';
import { findFigures } from '../memo/figures.js';
import type { CorpusIndex } from './index.js';

export interface SourceSuggestion {
  readonly entry: Entry;
  readonly article?: string;
  readonly score: number;
}

const STOP = new Set(['the', 'and', 'for', 'that', 'with', 'from', 'this', 'was', 'were', 'are', 'has', 'have', 'its', 'which', 'into', 'not', 'law', 'для', 'что', 'это', 'как', 'его', 'или', 'при', 'закон', 'және', 'туралы', 'заң']);

/** Crude stems: lower case, first five letters; enough to match "removed"/"removal", "удалила"/"удалено". */
function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(w.slice(0, 5));
  }
  return out;
}

function entryText(e: Entry): string {
  return [
    ...Object.values(e.title),
    ...Object.values(e.aliases).flat(),
    ...Object.values(e.summary),
    e.speaker ?? '',
    e.quote?.text ?? '',
    ...Object.values(e.quote?.translation ?? {}),
    ...e.figures.flatMap((f) => Object.values(f.text)),
  ].join(' ');
}

/**
 * Corpora up to this many entries are scored whole. A larger one is scored over the entries that
 * share words with the sentence in their names or speaker (the completion prefilter's candidates):
 * reading and scoring every entry of 200,000 took seconds, on the thread that answers requests.
 */
export const FULL_SCAN = 20_000;
/** How many of the prefilter's candidates a large corpus scores. */
const CANDIDATES = 200;

/** The best sources for a sentence, best first (ties by id). */
export function suggestSources(sentence: string, index: CorpusIndex, n = 3, fullScan = FULL_SCAN): SourceSuggestion[] {
  const want = terms(sentence);
  const nums = findFigures(sentence).map((f) => f.value);
  const scored: SourceSuggestion[] = [];
  const pool = index.size <= fullScan ? index.corpus.each() : index.sharingWords(sentence, CANDIDATES);
  for (const e of pool) {
    let score = 0;
    for (const t of terms(entryText(e))) if (want.has(t)) score += 1;
    for (const f of e.figures) if (nums.some((v) => v === f.value)) score += 6;
    let article: string | undefined;
    let best = 0;
    for (const a of e.articles) {
      const text = [...Object.values(a.title), ...Object.values(a.summary), ...a.duties.flatMap((d) => [...Object.values(d.who), ...Object.values(d.what)]), ...a.paragraphs.flatMap((p) => [...Object.values(p.summary), ...p.duties.flatMap((d) => Object.values(d.what))])].join(' ');
      let s = 0;
      for (const t of terms(text)) if (want.has(t)) s += 1;
      if (s > best) {
        best = s;
        article = a.number;
      }
    }
    score += best;
    if (score > 0) scored.push({ entry: e, ...(article && best >= 2 ? { article } : {}), score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1)).slice(0, n);
}
