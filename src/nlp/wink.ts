// wink-nlp wrapper: sentence splitting, part-of-speech tags and numeric entities.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { paragraphs } from './text.ts';
import type { NumEntity, Sentence, Token } from '../model/prepared.ts';


let nlp: ReturnType<typeof winkNLP> | null = null;
function getNlp() {
  if (!nlp) nlp = winkNLP(model);
  return nlp;
}

/** Split cleaned article text into tagged sentences (paragraph boundaries are hard sentence boundaries). */
export function analyzeSentences(text: string): Sentence[] {
  const n = getNlp();
  const its = n.its;
  const out: Sentence[] = [];
  paragraphs(text).forEach((p, para) => {
    const doc = n.readDoc(p);
    doc.sentences().each((s: any) => {
      const t = (s.out() as string).trim();
      if (!t) return;
      const texts = s.tokens().out() as string[];
      const pos = s.tokens().out(its.pos) as string[];
      const numbers: NumEntity[] = [];
      s.entities().each((e: any) => numbers.push({ text: e.out() as string, type: e.out(its.type) as string }));
      out.push({
        idx: out.length,
        para,
        text: t,
        tokens: texts.map((x, i) => ({ text: x, pos: pos[i] })),
        numbers,
      });
    });
  });
  return out;
}
