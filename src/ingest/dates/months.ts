// Month names of the languages news pages are most often written in (full names, genitive forms and the usual
// abbreviations), for dates printed as words: "16. Mai 2024", "May 16, 2024", "16 maja 2024", "16 de mayo de 2024".

const NAMES: string[][] = [
  // en, de, fr, es, it, pt, nl, pl (nominative, genitive), sv/da/no, cs (genitive), tr, hu, ro, fi (partitive)
  ['january', 'januar', 'jänner', 'janvier', 'enero', 'gennaio', 'janeiro', 'januari', 'styczeń', 'stycznia', 'ledna', 'ocak', 'január', 'ianuarie', 'tammikuuta'],
  ['february', 'februar', 'feber', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'februari', 'luty', 'lutego', 'února', 'şubat', 'február', 'februarie', 'helmikuuta'],
  ['march', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'marzec', 'marca', 'března', 'mart', 'március', 'martie', 'maaliskuuta'],
  ['april', 'avril', 'abril', 'aprile', 'kwiecień', 'kwietnia', 'dubna', 'nisan', 'április', 'aprilie', 'huhtikuuta'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maj', 'maja', 'května', 'mayıs', 'május', 'toukokuuta'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwiec', 'czerwca', 'června', 'haziran', 'június', 'iunie', 'kesäkuuta'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'lipiec', 'lipca', 'července', 'temmuz', 'július', 'iulie', 'heinäkuuta'],
  ['august', 'août', 'aout', 'agosto', 'augustus', 'sierpień', 'sierpnia', 'srpna', 'ağustos', 'augusztus', 'elokuuta'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'settembre', 'setembro', 'wrzesień', 'września', 'září', 'eylül', 'szeptember', 'septembrie', 'syyskuuta'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'październik', 'października', 'října', 'ekim', 'október', 'octombrie', 'lokakuuta'],
  ['november', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada', 'listopadu', 'kasım', 'noiembrie', 'marraskuuta'],
  ['december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'grudzień', 'grudnia', 'prosince', 'aralık', 'decembrie', 'joulukuuta'],
];

const ABBREVIATIONS: string[][] = [
  ['jan', 'jän', 'janv', 'ene', 'gen', 'sty'],
  ['feb', 'febr', 'fév', 'févr', 'fev', 'lut'],
  ['mar', 'mär', 'mrz', 'mars', 'maa'],
  ['apr', 'avr', 'abr', 'kwi'],
  ['may', 'mai', 'mag', 'mei', 'maj'],
  ['jun', 'juin', 'giu', 'cze'],
  ['jul', 'juil', 'lug', 'lip'],
  ['aug', 'aoû', 'ago', 'sie'],
  ['sep', 'sept', 'set', 'wrz'],
  ['oct', 'okt', 'ott', 'out', 'paź'],
  ['nov', 'lis'],
  ['dec', 'dez', 'déc', 'dic', 'gru'],
];

const BY_NAME = new Map<string, number>();
NAMES.forEach((names, i) => names.forEach((n) => BY_NAME.set(n, i + 1)));
ABBREVIATIONS.forEach((names, i) => names.forEach((n) => BY_NAME.has(n) || BY_NAME.set(n, i + 1)));

/** The month number (1–12) of a month name or abbreviation in any of the languages above, or null. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return BY_NAME.get(w) ?? null;
}

/** A regular-expression alternation of every month name, longest first (so "juni" wins over "jun"). */
export const MONTH_PATTERN = [...BY_NAME.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/\./g, '\\.')).join('|');
