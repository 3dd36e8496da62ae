/**
 * English function words dropped from the index and from queries. Each one occurs in nearly every
 * article, so its postings would be the largest in the index while telling articles apart not at
 * all. Kept short on purpose: only words a reader would never search for on their own (so not
 * "us", "who", "may" or "will", which are also the US, the WHO, a month and a name).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so if then than that this these those there here ' +
    'is am are was were be been being has have had having do does did doing ' +
    'i me my we our you your he him his she her it its they them their ' +
    'of to in on at by for from with into onto about as ' +
    'not no also just very too can could would should shall might must ' +
    'what which whom whose when where why how all any each both some such ' +
    'up out over own same other only more most again further once'
  ).split(' '),
);
