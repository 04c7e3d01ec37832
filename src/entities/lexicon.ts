// Small word lists used by the entity rules. They describe language, not the example corpus.

export const TITLE_WORDS = new Set(
  (
    'president vice prime minister ministers deputy first secretary state foreign defense defence finance interior ' +
    'chairman chairwoman chair leader general governor mayor spokesperson spokesman spokeswoman ambassador envoy ' +
    'commander chief director head councilor councillor senator congressman congresswoman representative premier ' +
    'chancellor king queen prince princess pope sheikh emir sultan lord sir dr mr mrs ms professor prof judge justice ' +
    'colonel lieutenant major captain sergeant admiral marshal assistant adviser advisor aide ' +
    'counterpart executive ceo founder editor reporter columnist correspondent analyst commentator expert economist ' +
    'official officials spokesperson secretary-general presidential'
  ).split(/\s+/),
);

/** Title words that mark the following name as a person. */
export const PERSON_TITLES = new Set(
  (
    'president minister secretary chairman chairwoman leader governor mayor spokesperson spokesman spokeswoman ambassador ' +
    'envoy commander chief councilor councillor senator premier chancellor king queen prince princess pope sheikh emir ' +
    'sultan dr mr mrs ms professor judge colonel lieutenant general admiral marshal aide adviser advisor assistant ' +
    'counterpart ceo founder editor reporter columnist correspondent analyst commentator expert economist director head'
  ).split(/\s+/),
);

export const QUALIFIERS = new Set(['former', 'ex', 'then', 'current', 'new', 'acting', 'incoming', 'outgoing', 'late', 'newly', 'appointed', 'sitting']);

export const DEMONYMS = new Map<string, string>(
  Object.entries({
    russian: 'Russia', chinese: 'China', american: 'United States', ukrainian: 'Ukraine', british: 'United Kingdom', french: 'France',
    german: 'Germany', italian: 'Italy', spanish: 'Spain', japanese: 'Japan', korean: 'Korea', 'north korean': 'North Korea',
    'south korean': 'South Korea', indian: 'India', iranian: 'Iran', israeli: 'Israel', turkish: 'Turkey', polish: 'Poland',
    european: 'Europe', soviet: 'Soviet Union', belarusian: 'Belarus', kazakh: 'Kazakhstan', mongolian: 'Mongolia', brazilian: 'Brazil',
    canadian: 'Canada', australian: 'Australia', swiss: 'Switzerland', swedish: 'Sweden', dutch: 'Netherlands', hungarian: 'Hungary',
    serbian: 'Serbia', syrian: 'Syria', saudi: 'Saudi Arabia', egyptian: 'Egypt', pakistani: 'Pakistan', taiwanese: 'Taiwan',
    western: 'West', eastern: 'East', sino: 'China', us: 'United States', 'u.s.': 'United States', 'u.k.': 'United Kingdom', 'eu': 'European Union',
  }),
);

export const PLACES = new Set(
  (
    'afghanistan albania algeria argentina armenia australia austria azerbaijan bangladesh belarus belgium bolivia bosnia brazil ' +
    'bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt estonia ethiopia ' +
    'finland france georgia germany ghana greece guatemala hungary iceland india indonesia iran iraq ireland israel italy japan ' +
    'jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg malaysia mali mexico ' +
    'moldova mongolia montenegro morocco myanmar nepal netherlands nigeria norway oman pakistan palestine panama peru philippines ' +
    'poland portugal qatar romania russia rwanda serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria ' +
    'taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uzbekistan venezuela vietnam yemen zimbabwe ' +
    'europe asia africa america arctic antarctica siberia crimea donbas gaza crimea ' +
    'beijing moscow washington london paris berlin kyiv kiev brussels tokyo seoul pyongyang tehran ankara minsk warsaw budapest ' +
    'belgrade geneva delhi islamabad harbin shanghai hong kong vladivostok capri rome madrid vienna prague baghdad damascus ' +
    'jerusalem cairo riyadh dubai doha tbilisi yerevan baku astana tashkent ulaanbaatar taipei guizhou'
  ).split(/\s+/),
);

export const MULTIWORD_PLACES = new Set(['united states', 'united kingdom', 'north korea', 'south korea', 'saudi arabia', 'far east', 'hong kong', 'inner mongolia', 'soviet union', 'asia-pacific', 'european union', 'global south', 'middle east', 'new delhi', 'south africa', 'sri lanka', 'new zealand', 'czech republic', 'russian federation']);

export const ORG_WORDS = new Set(
  (
    'agency ministry council committee commission union organization organisation corporation company corp inc ltd llc group ' +
    'fund bank forum party department office service services bureau institute university college center centre times post ' +
    'news press gazeta gazette journal herald tribune television tv radio network federation alliance association society ' +
    'court parliament congress senate duma assembly administration authority army navy force forces guard police initiative ' +
    'foundation program programme project railway airlines exchange board cabinet government ministry kremlin nato expo ' +
    'watchdog federation league club'
  ).split(/\s+/),
);

export const NOT_ENTITIES = new Set(
  (
    'january february march april may june july august september october november december monday tuesday wednesday thursday ' +
    'friday saturday sunday the a an this that these those it he she they we i you his her their its our however meanwhile ' +
    'furthermore moreover indeed still despite although while during after before since according additionally also ' +
    'firstly secondly thirdly finally thus therefore yet but and or if when where why how what who which'
  ).split(/\s+/),
);

/** Title words that only start a title when another title word follows ("State Councilor", but "State Council"). */
export const WEAK_TITLES = new Set(['state', 'first', 'deputy', 'vice', 'foreign', 'defense', 'defence', 'finance', 'interior', 'prime', 'general', 'chief', 'executive', 'presidential', 'head', 'director', 'major']);

/** "Russian", "Sino-Russian", "Russian-Chinese": adjectives of nationality, alone or hyphenated. */
export function isDemonym(w: string): boolean {
  return w.split('-').every((p) => DEMONYMS.has(p.toLowerCase()));
}

/** Social platforms: their names sit in share widgets and credits next to real names, never inside one. */
export const PLATFORMS = new Set(['facebook', 'twitter', 'instagram', 'whatsapp', 'youtube', 'tiktok', 'linkedin', 'telegram', 'snapchat', 'reddit', 'threads', 'bluesky', 'pinterest', 'flipboard']);

/** Abbreviated months and weekdays that datelines glue to names ("Manokwari Jan. 4", "Athens Sat."). */
export const CALENDAR_ABBREVIATIONS = new Set(
  'jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec. mon mon. tue tue. tues tues. wed wed. thu thu. thur thur. thurs thurs. fri fri. sat sat. sun sun.'.split(' '),
);

/** Prepositions that put a single name in a place: "in Kestra", "near Aldmoor", "outside Lund". */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'into', 'throughout', 'around', 'towards', 'toward', 'within']);
