import { describe, expect, it } from 'vitest';
import { loadSplit, loadTruth, partOf } from '../../../utils/training';
import { runPages, summarise } from '../../../utils/training/evaluate';

// Reads ../shared/corpora/wcxb-train at run time (skips with a notice when absent) and runs the
// real pipeline on the validation articles: the shipped model must not fall below these floors,
// set a little under what `npm run bench:extract` measured for the committed model (round 8,
// with the add-back: F1 0.9391 against Readability's 0.9309, "without" surviving on 15.6% of
// pages against 17.5%).
const FLOOR = { f1: 0.935, maxSurvives: 0.17, minGainOverReadability: 0.005 };

const truth = loadTruth();
const split = truth.length ? loadSplit() : null;
const validation = (type: string) =>
  truth.filter((page) => page.page_type === type && partOf(page, split!) === 'validation');
const articles = validation('article');
// Forum threads: a Discourse thread serves its posts only in <noscript>, read by the pipeline's
// last pass (round 7: F1 0.6026 against Readability's 0.5044, which reads nothing there; round 8
// with the add-back: 0.6587); two XenForo threads whose theme prints a lone <![CDATA[ in the body
// are read since session 16 (parsePage: 0.6483 → 0.7006).
const FORUM_FLOOR = { f1: 0.68, minGainOverReadability: 0.1 };
// Service pages were below Readability until the add-back (round 8: 0.8052 against 0.7578).
const SERVICE_FLOOR = { f1: 0.79, minGainOverReadability: 0.03 };

describe('WCXB validation articles (hosts never trained or tuned on)', () => {
  it.skipIf(truth.length === 0)(
    'keep their shingle F1 and boilerplate survival within the floors',
    () => {
      const results = runPages(articles);
      const ours = summarise(results.readmark);
      const plain = summarise(results.readability);
      console.log(
        `validation articles: Readmark F1 ${ours.f1.toFixed(4)} (Readability ${plain.f1.toFixed(4)}), "without" survives on ${(100 * ours.survives).toFixed(1)}% (Readability ${(100 * plain.survives).toFixed(1)}%)`,
      );
      expect(ours.f1).toBeGreaterThanOrEqual(FLOOR.f1);
      expect(ours.f1 - plain.f1).toBeGreaterThanOrEqual(FLOOR.minGainOverReadability);
      expect(ours.survives).toBeLessThanOrEqual(FLOOR.maxSurvives);
    },
    600_000,
  );

  it.skipIf(truth.length === 0).each([
    { type: 'forum', floor: FORUM_FLOOR, says: 'forum threads keep their posts' },
    { type: 'service', floor: SERVICE_FLOOR, says: 'service pages read better' },
  ] as const)(
    "$says: F1 above plain Readability's",
    ({ type, floor }) => {
      const results = runPages(validation(type));
      const ours = summarise(results.readmark);
      const plain = summarise(results.readability);
      console.log(
        `validation ${type} pages: Readmark F1 ${ours.f1.toFixed(4)} (Readability ${plain.f1.toFixed(4)})`,
      );
      expect(ours.f1).toBeGreaterThanOrEqual(floor.f1);
      expect(ours.f1 - plain.f1).toBeGreaterThanOrEqual(floor.minGainOverReadability);
    },
    600_000,
  );
});
