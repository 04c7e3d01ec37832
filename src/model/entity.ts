// Domain types of entities: a name as written in one sentence (mention), and the person, organisation
// or place its mentions resolve to, with the other forms it is written in.

export type EntityType = 'person' | 'org' | 'place' | 'other';

export interface Mention {
  articleId: string;
  sentence: number;
  surface: string;
  /** role/title words written before the name ("former Defense Minister") */
  title: string | null;
  typeHint: EntityType | null;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: Array<{ form: string; count: number; articleIds: string[] }>;
  mentions: Mention[];
  articleIds: string[];
}
