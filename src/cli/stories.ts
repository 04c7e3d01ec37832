// newsprov stories: the stories (events) with their articles and independent sources.
import { out, withAnalysis, type Command } from './context.ts';
import { storiesText } from './report.ts';

export const stories: Command = {
  name: 'stories',
  usage: 'stories [--json]      list the stories (events) with their articles and sources',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysis(db, (an) => {
      const label = new Map(an.articles.map((a) => [a.id, a.label]));
      if (o.json)
        out(JSON.stringify(an.events.map((e, i) => ({ number: e.number ?? i + 1, id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, articleIds: e.articleIds, articles: e.articleIds.map((id) => label.get(id)), independentSources: e.independentSources, corroboratedFacts: e.facts.filter((f) => f.status === 'corroborated').length, contradictions: e.contradictions.length })), null, 2));
      else out(storiesText(an));
      return 0;
    }),
};
